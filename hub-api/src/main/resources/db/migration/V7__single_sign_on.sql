-- Single sign-on (OpenID Connect, e.g. Keycloak). An account signed in through an identity provider is
-- linked to the provider's subject, so a user renamed there stays the same Stoa account.
CREATE TABLE account_sso (
    account_id BIGINT       PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    issuer     VARCHAR(500) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);

-- Organisation memberships that came from the provider's groups: synchronised on each sign-in and token use
-- and removed when the group goes away. Memberships without a row here were granted in Stoa and are left alone.
CREATE TABLE org_member_from_group (
    org_id  BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES org_member (org_id, user_id) ON DELETE CASCADE
);

-- The provider's ID token of a portal session opened by single sign-on: signing out hands it back to the
-- provider so that its session ends too.
ALTER TABLE web_session ADD COLUMN sso_id_token TEXT;
