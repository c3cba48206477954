-- Refused uploads: the report and the facts of the attempt, never the data (no raw file, no rows).
CREATE TABLE refused_uploads (
    id             VARCHAR(40)  PRIMARY KEY,
    country        VARCHAR(3)   NOT NULL,
    source         VARCHAR(32)  NOT NULL,
    record_type    VARCHAR(40)  NOT NULL,
    schema_version INTEGER      NOT NULL,
    period         VARCHAR(10)  NOT NULL,
    sha256         VARCHAR(64)  NOT NULL,
    bytes          BIGINT       NOT NULL,
    format         VARCHAR(20)  NOT NULL,
    report         TEXT         NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX refused_uploads_slice ON refused_uploads (country, source, record_type, period);
