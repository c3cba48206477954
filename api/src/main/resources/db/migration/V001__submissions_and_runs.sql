-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE submissions (
    id             VARCHAR(40)  PRIMARY KEY,
    country        VARCHAR(3)   NOT NULL,
    source         VARCHAR(32)  NOT NULL,
    record_type    VARCHAR(40)  NOT NULL,
    schema_version INTEGER      NOT NULL,
    period         VARCHAR(10)  NOT NULL,
    revision       INTEGER      NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    superseded_by  VARCHAR(40),
    sha256         VARCHAR(64)  NOT NULL,
    bytes          BIGINT       NOT NULL,
    rows_accepted  BIGINT       NOT NULL,
    format         VARCHAR(20)  NOT NULL,
    raw_path       VARCHAR(1000) NOT NULL,
    staged_path    VARCHAR(1000) NOT NULL,
    report         TEXT         NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT submissions_slice_revision UNIQUE (country, source, record_type, period, revision)
);
CREATE INDEX submissions_sha256 ON submissions (sha256);
CREATE INDEX submissions_status ON submissions (status);

CREATE TABLE runs (
    id            VARCHAR(40)  PRIMARY KEY,
    status        VARCHAR(20)  NOT NULL,
    stage         VARCHAR(40),
    stages_done   INTEGER      NOT NULL,
    stages_total  INTEGER      NOT NULL,
    inputs        INTEGER      NOT NULL,
    seed          BIGINT       NOT NULL,
    release_id    VARCHAR(40),
    message       TEXT,
    manifest_path VARCHAR(1000) NOT NULL,
    log_path      VARCHAR(1000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
