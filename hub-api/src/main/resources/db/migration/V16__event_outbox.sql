-- The event stream (package event): every change other features react to is a row of event_outbox, written in the
-- transaction of the change itself, with one event_delivery row per consumer of its type. A delivery is removed in
-- the transaction of the consumer's reaction; one that failed too often is parked for an administrator.
CREATE TABLE event_outbox (
    id             BIGSERIAL     PRIMARY KEY,
    type           VARCHAR(100)  NOT NULL,
    partition_key  BIGINT        NOT NULL,
    payload        JSONB         NOT NULL,
    actor_id       BIGINT,
    actor_name     VARCHAR(100),
    client_address VARCHAR(64),
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX event_outbox_created ON event_outbox (created_at);

CREATE TABLE event_delivery (
    event_id        BIGINT       NOT NULL REFERENCES event_outbox (id) ON DELETE CASCADE,
    consumer        VARCHAR(100) NOT NULL,
    partition_key   BIGINT       NOT NULL,
    state           VARCHAR(10)  NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_error      TEXT,
    PRIMARY KEY (consumer, event_id)
);
-- What is due, oldest first; and the order within one consumer's repository.
CREATE INDEX event_delivery_due ON event_delivery (event_id) WHERE state = 'pending';
CREATE INDEX event_delivery_partition ON event_delivery (consumer, partition_key, event_id);
CREATE INDEX event_delivery_event ON event_delivery (event_id);
