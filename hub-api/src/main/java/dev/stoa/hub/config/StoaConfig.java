package dev.stoa.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every Stoa setting. Each key {@code stoa.a.b} is also the environment variable {@code STOA_A_B};
 * the README's configuration table lists them all with their defaults.
 */
@ConfigMapping(prefix = "stoa")
public interface StoaConfig {

    /** The folder that holds the embedded database and the local object store. */
    @WithDefault("./stoa-data")
    Path dataDir();

    /**
     * The URL users reach Stoa at, which every absolute link Stoa hands out starts with; unset, links follow the
     * address each request came to (see {@code ops.BaseUrl}).
     */
    Optional<String> baseUrl();

    Db db();

    Storage storage();

    Admin admin();

    Accounts accounts();

    Log log();

    Repos repos();

    Lfs lfs();

    Oidc oidc();

    Plugins plugins();

    Checks checks();

    Events events();

    Evaluations evaluations();

    /** Evaluation runs: benchmark tasks run on models, off the request threads. */
    interface Evaluations {
        /** Runs one replica works on at once (each keeps its model busy); the rest wait in the queue. */
        @WithDefault("1")
        int workers();

        /** How often an idle replica looks for queued runs (a run started here is picked up at once). */
        @WithDefault("PT5S")
        Duration pollInterval();

        /** A running run whose replica has not reported for this long is queued again (its replica died). */
        @WithDefault("PT2M")
        Duration staleAfter();

        /** How long a run waits for its model to load or its deployment to wake before it fails. */
        @WithDefault("PT10M")
        Duration startTimeout();

        /** The most documents one run scores. */
        @WithDefault("100000")
        long maxDocuments();
    }

    Secrets secrets();

    /** Secrets Stoa keeps in its database (the API keys of external models), sealed with AES-256-GCM. */
    interface Secrets {
        /**
         * The sealing key, 32 bytes in base64; every replica needs the same one. Unset, Stoa makes one in
         * {@code <data-dir>/secrets.key} (owner-only), which suits a single replica.
         */
        Optional<String> key();
    }

    Inference inference();

    /**
     * Running models: the OpenAI-compatible gateway at {@code /v1} and on-demand serving of public models by a runner,
     * without a deployment.
     */
    interface Inference {
        /** Whether public models are served on demand, loaded by the first request (the embedded default: on). */
        @WithDefault("true")
        boolean onDemand();

        /** The runner that serves on demand, as {@code <plugin id>/<runner>}. */
        @WithDefault("cpu-runner/cpu")
        String onDemandRunner();

        /** The largest model, in parameters, served on demand. */
        @WithDefault("1000000000")
        long onDemandMaxParameters();

        /**
         * Memory for models loaded on demand, in bytes; the least recently used are unloaded to make room (a model
         * counts 4 bytes per parameter, as the CPU runner computes in F32).
         */
        @WithDefault("4294967296")
        long memoryBudget();

        /** Unloads a model nobody called for this long. */
        @WithDefault("PT30M")
        Duration idleUnload();

        /** Completions running at once on this replica's in-process engines; the rest wait in the queue. */
        @WithDefault("2")
        int concurrency();

        /** Requests that may wait for a turn; beyond, 429 with Retry-After. */
        @WithDefault("16")
        int queue();

        /** How long a request waits for a turn (or for its model to load) before a 503 with Retry-After. */
        @WithDefault("PT30S")
        Duration queueTimeout();

        /** How long loading a model may take. */
        @WithDefault("PT10M")
        Duration loadTimeout();

        /** How long one completion may run. */
        @WithDefault("PT10M")
        Duration requestTimeout();

        /** {@code max_tokens} when a request gives none. */
        @WithDefault("256")
        int defaultMaxTokens();

        /** Minutes without a request before a deployment's engine stops (it wakes on the next); 0: never. */
        @WithDefault("30")
        int scaleToZeroMinutes();

        /**
         * The URL pods and servers outside Stoa's process reach Stoa at, for their {@code HF_ENDPOINT} (in a
         * cluster: Stoa's Service, such as {@code http://stoa.stoa.svc:8080}); unset: {@code stoa.base-url}. Runners
         * that start work outside Stoa need one of the two.
         */
        Optional<String> hubEndpoint();

        /** How long the read tokens given to such runners live; they are renewed before they run out. */
        @WithDefault("PT1H")
        Duration hubTokenLifetime();

        /** What a user or an organisation may deploy when an administrator set no quota of its own. */
        Quota quota();

        interface Quota {
            /** Deployments one owner may have. */
            @WithDefault("2")
            int deployments();

            /** GPUs one owner's deployments may ask for together. */
            @WithDefault("0")
            int gpus();
        }
    }

    /** The event stream: the outbox every change writes to, and its delivery to the features that react. */
    interface Events {
        /** Threads per replica that deliver events (each delivery is one consumer's reaction to one event). */
        @WithDefault("2")
        int workers();

        /** How often an idle dispatcher looks for events when no notification woke it (a missed one, say). */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Tries of a consumer on one event before the delivery is parked for an administrator. */
        @WithDefault("8")
        int maxAttempts();

        /** The pause before the first retry; it doubles with each further try, up to ten minutes. */
        @WithDefault("PT1S")
        Duration retryBackoff();

        /** How long delivered events are kept (for the admin view and replays) before they are pruned. */
        @WithDefault("P7D")
        Duration retention();

        /**
         * Whether a request delivers the events it committed before it answers, so that its client sees the reactions
         * (check runs, card metadata, audit records) at once. {@code false}: it answers as soon as its change is
         * committed, and the dispatcher's workers deliver the events moments later.
         */
        @WithDefault("true")
        boolean deliverBeforeAnswer();

        /**
         * For the commit benchmark only: {@code false} writes no event at all, so nothing reacts to any change (no
         * check runs, no audit trail, no quarantines). It measures what the outbox row costs a commit; Stoa warns at
         * start while it is off.
         */
        @WithDefault("true")
        boolean outbox();
    }

    /**
     * The plugin host. Each plugin's own settings are {@code stoa.plugins.<id>.<key>}, validated against its
     * descriptor at start; {@code stoa.plugins.<id>.enabled} and {@code stoa.plugins.<id>.timeout} are the host's.
     */
    interface Plugins {
        /** The folder of external plugin jars; unset: {@code <data-dir>/plugins}. A missing folder holds none. */
        Optional<Path> dir();

        /** How long one call into a plugin (one check of one revision) may take before it is stopped. */
        @WithDefault("PT10M")
        Duration timeout();

        /** Each plugin's settings by plugin id and key ({@code stoa.plugins.<id>.<key>}); the plugin host validates them. */
        @io.smallrye.config.WithParentName
        java.util.Map<String, java.util.Map<String, String>> settings();
    }

    /** Check runs: the queue of plugin checks that every new commit enqueues. */
    interface Checks {
        /** Worker threads per replica that run checks; 0 runs none here (another replica does). */
        @WithDefault("2")
        int workers();

        /** How often an idle worker looks for queued checks enqueued by other replicas. */
        @WithDefault("PT2S")
        Duration pollInterval();

        /** How long a claimed check stays a worker's without a heartbeat before another worker takes it over. */
        @WithDefault("PT1M")
        Duration lease();

        /** Attempts of a check that throws or times out before it is recorded as failed. */
        @WithDefault("3")
        int maxAttempts();

        /** The wait before the first retry; it doubles with each further attempt. */
        @WithDefault("PT30S")
        Duration retryBackoff();

        /**
         * The plugins whose findings make up the scan status the Hub's clients read ({@code securityRepoStatus},
         * {@code securityFileStatus}); other checks (card, license) show only in Stoa's own API.
         */
        @WithDefault("pickle-scanner,safetensors-inspector")
        java.util.List<String> securityPlugins();
    }

    interface Db {
        /** JDBC URL of an external PostgreSQL; when absent Stoa runs an embedded one under the data folder. */
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    interface Storage {
        /** {@code local} (a folder under the data folder) or {@code s3}. */
        @WithDefault("local")
        StorageType type();

        S3 s3();
    }

    enum StorageType { LOCAL, S3 }

    interface S3 {
        Optional<String> endpoint();

        /** Endpoint put into presigned URLs, when clients reach the store at another address than Stoa does. */
        Optional<String> publicEndpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("stoa")
        String bucket();

        Optional<String> accessKey();

        Optional<String> secretKey();

        @WithDefault("true")
        boolean pathStyle();
    }

    interface Admin {
        /** Password of the {@code admin} account created on first start; generated and logged once when unset. */
        Optional<String> password();

        /** API token of the {@code admin} account created on first start; generated and logged once when unset. */
        Optional<String> token();
    }

    interface Accounts {
        /** Whether anyone may create an account ({@code open}) or only administrators ({@code admin-only}). */
        @WithDefault("open")
        Registration registration();

        FailedAuthentication failedAuthentication();
    }

    /**
     * Brute-force protection: a client (an IP address) that fails to authenticate this many times within the
     * window gets {@code 429} with {@code Retry-After} for every further attempt until the window ends.
     */
    interface FailedAuthentication {
        @WithDefault("10")
        int maxAttempts();

        @WithDefault("5M")
        java.time.Duration window();
    }

    enum Registration { OPEN, ADMIN_ONLY }

    interface Repos {
        Limits limits();

        Gc gc();

        Git git();
    }

    /** Git storage: pack caching and compaction. */
    interface Git {
        /** Memory for pack blocks cached in each replica, shared by all repositories, in bytes. */
        @WithDefault("134217728")
        long blockCacheBytes();

        /** A repository with more packs than this from commits and pushes is compacted by the next collector run. */
        @WithDefault("20")
        int compactAbovePacks();
    }

    /** Limits on what a commit may hold; each refusal names the limit and its value. */
    interface Limits {
        /** Longest file path in a repository, in UTF-8 bytes. */
        @WithDefault("1024")
        int maxPathBytes();

        /** Most operations (added, changed or deleted files) in one commit. */
        @WithDefault("25000")
        int maxFilesPerCommit();

        /** Largest body of one commit request (NDJSON, inline file contents included), in bytes. */
        @WithDefault("104857600")
        long maxCommitPayloadBytes();

        /** Largest pack one git push may send, in bytes; a larger push is refused (push the history in parts). */
        @WithDefault("5368709120")
        long maxPushBytes();

        /** Largest LFS object, in bytes (50 GiB, the Hugging Face Hub's limit). */
        @WithDefault("53687091200")
        long maxObjectBytes();

        /** Largest file git may hold outside LFS, in bytes; larger ones must be tracked with git-lfs. */
        @WithDefault("10485760")
        long maxRegularFileBytes();
    }

    /** Collection of garbage: unreachable packs and blobs, abandoned uploads. */
    interface Gc {
        /** How often the collector runs. */
        @WithDefault("PT10M")
        Duration interval();

        /** How long an unreachable pack or blob is kept, so that work in flight is never harmed. */
        @WithDefault("PT1H")
        Duration gracePeriod();

        /** How long an upload session may stay unfinished before it is abandoned and its bytes removed. */
        @WithDefault("PT24H")
        Duration uploadExpiry();
    }

    /** How LFS objects travel: part sizes of multipart uploads and the life of transfer links. */
    interface Lfs {
        /** Objects larger than this are uploaded in parts, by clients that offer the multipart transfer. */
        @WithDefault("104857600")
        long multipartThreshold();

        /** Size of each part of a multipart upload, in bytes (at least 5 MiB; grows when an object needs more than 10,000 parts). */
        @WithDefault("67108864")
        long partSize();

        /** How long a download link handed out by the LFS batch API stays valid. */
        @WithDefault("PT1H")
        Duration downloadExpiry();
    }

    interface Log {
        /** Log as JSON lines instead of text. */
        @WithDefault("false")
        boolean json();
    }

    /**
     * Single sign-on with an OpenID Connect provider such as Keycloak. Off unless {@code issuer} is set; then
     * Keycloak access tokens are accepted as bearer tokens, the portal offers "Sign in with ...", and
     * {@code /oauth/device} serves the command-line browser login.
     */
    interface Oidc {
        /** The provider's issuer URL, for Keycloak {@code https://<host>/realms/<realm>}; enables single sign-on. */
        Optional<String> issuer();

        /** What the sign-in button calls the provider. */
        @WithDefault("Keycloak")
        String displayName();

        /** The portal's confidential client (authorization code flow). */
        Optional<String> clientId();

        /** The portal client's secret; never logged or shown. */
        Optional<String> clientSecret();

        /** The audience ({@code aud}) a bearer token must name to be accepted by Stoa. */
        @WithDefault("stoa")
        String audience();

        /** The public client with the OAuth 2.0 device grant enabled, used by {@code hf auth login}. */
        Optional<String> deviceClientId();

        /** The realm role that makes a user a Stoa administrator. */
        @WithDefault("stoa-admin")
        String adminRole();

        /** The realm role that makes a user a Stoa curator. */
        @WithDefault("stoa-curator")
        String curatorRole();

        /**
         * Group path prefix that maps groups to organisation membership, e.g. {@code /orgs/}: a group
         * {@code /orgs/<org>} makes the user a reader of organisation {@code <org>}, {@code /orgs/<org>/<read|write|admin>}
         * gives that role. Unset: groups are ignored.
         */
        Optional<String> orgGroupPrefix();

        /** The token claim that lists the user's groups (Keycloak's group membership mapper). */
        @WithDefault("groups")
        String groupsClaim();

        /** How far the provider's clock may be off when checking a token's expiry. */
        @WithDefault("PT30S")
        Duration clockSkew();
    }
}
