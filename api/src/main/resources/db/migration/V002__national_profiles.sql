-- National profiles: a member state's own code lists with their mapping to the standard, versioned.
CREATE TABLE national_profiles (
    country     VARCHAR(3)   NOT NULL,
    version     INTEGER      NOT NULL,
    profile     TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT national_profiles_pk PRIMARY KEY (country, version)
);
ALTER TABLE submissions ADD COLUMN profile_version INTEGER DEFAULT 0 NOT NULL;
