package dev.stoa.hub;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what on every route family: each route × caller × repository is one case, whose expected
 * answer comes from {@link #EXPECTED}, a table by the kind of action (reading metadata, downloading bytes,
 * writing). A refusal must carry the HF error header on every family, LFS JSON on LFS routes, and the Basic
 * challenge that makes git ask for credentials on every 401.
 *
 * <p>A new repository column is a new {@link Repo} value, its fixture, and its rows in the table.
 * Fixtures (one organisation with a member of each role, its repositories) are made once for the class.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** Who calls. */
    enum Who { anonymous, reader, writer, other, orgAdmin, admin, curator, restricted, readToken }

    /** Which of the organisation's repositories is called; GATED is public with {@code gated: manual} and no requests. */
    enum Repo { PUBLIC, PRIVATE, GATED }

    /** What a route does, which decides who may call it. */
    enum Action { read, download, write, delete }

    /**
     * The expected answer per action and repository (rows) and caller (columns): {@code ok} (any 2xx), or the
     * refusal's status, with its {@code X-Error-Code} after a colon when it is not the usual one
     * (RepoNotFound for 401 and 404, Forbidden for 403). Deleting anonymously is a plain 401: a
     * RepoNotFound there would let {@code delete_repo(missing_ok=True)} report success.
     */
    private static final String EXPECTED = """
                               anonymous         reader  writer  other          orgAdmin  admin  curator  restricted  readToken
            read      PUBLIC   ok                ok      ok      ok             ok        ok     ok       ok          ok
            read      PRIVATE  401               ok      ok      404            ok        ok     ok       404         ok
            download  PUBLIC   ok                ok      ok      ok             ok        ok     ok       ok          ok
            download  PRIVATE  401               ok      ok      404            ok        ok     ok       404         ok
            write     PUBLIC   401               403     ok      403            ok        ok     403      403         403
            write     PRIVATE  401               403     ok      404            ok        ok     403      404         403
            delete    PUBLIC   401:Unauthorized  403     403     403            ok        ok     403      403         403
            delete    PRIVATE  401:Unauthorized  403     403     404            ok        ok     403      404         403
            read      GATED    ok                ok      ok      ok             ok        ok     ok       ok          ok
            download  GATED    401:GatedRepo     ok      ok      403:GatedRepo  ok        ok     ok       ok          ok
            write     GATED    401               403     ok      403            ok        ok     403      403         403
            delete    GATED    401:Unauthorized  403     403     403            ok        ok     403      403         403
            """;

    /** How a route family presents credentials and refusals. */
    enum Family { HF, LFS, GIT }

    /** One route: its family, what it does, and how to call it with a credential (null: anonymously). */
    record Route(String name, Family family, Action action, BiFunction<RequestSpecification, Fixture.Target, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("model_info", Family.HF, Action.read, (r, t) -> r.get("/api/models/" + t.id())),
            new Route("tree", Family.HF, Action.read, (r, t) -> r.get("/api/models/" + t.id() + "/tree/main")),
            new Route("paths-info", Family.HF, Action.read, (r, t) -> r.contentType(ContentType.URLENC)
                    .formParam("paths", "hello.txt").post("/api/models/" + t.id() + "/paths-info/main")),
            new Route("refs", Family.HF, Action.read, (r, t) -> r.get("/api/models/" + t.id() + "/refs")),
            new Route("commits", Family.HF, Action.read, (r, t) -> r.get("/api/models/" + t.id() + "/commits/main")),
            new Route("settings PUT", Family.HF, Action.write, (r, t) -> r.contentType(ContentType.JSON)
                    .body(Map.of("private", t.isPrivate())).put("/api/models/" + t.id() + "/settings")),
            new Route("commit", Family.HF, Action.write, (r, t) -> r.contentType("application/x-ndjson")
                    .body(TestRepos.ndjson("matrix").file("matrix.txt", "written by the matrix").toString()
                            .getBytes(StandardCharsets.UTF_8))
                    .post("/api/models/" + t.id() + "/commit/main")),
            new Route("repo delete", Family.HF, Action.delete, (r, t) -> r.contentType(ContentType.JSON)
                    .body(Map.of("name", t.disposable().get(), "type", "model")).delete("/api/repos/delete")),
            new Route("resolve HEAD", Family.HF, Action.download, (r, t) -> r.redirects().follow(false)
                    .head("/" + t.id() + "/resolve/main/hello.txt")),
            new Route("resolve GET", Family.HF, Action.download, (r, t) -> r.redirects().follow(false)
                    .get("/" + t.id() + "/resolve/main/weights.bin")),
            new Route("lfs download", Family.LFS, Action.download, (r, t) -> lfsBatch(r, t, "download", t.lfsOid(), 64)),
            new Route("lfs upload", Family.LFS, Action.write, (r, t) -> lfsBatch(r, t, "upload",
                    LfsClient.sha256(LfsClient.randomBytes(16)), 16)),
            new Route("git upload-pack", Family.GIT, Action.download, (r, t) -> r.queryParam("service", "git-upload-pack")
                    .get("/" + t.id() + ".git/info/refs")),
            new Route("git receive-pack", Family.GIT, Action.write, (r, t) -> r.queryParam("service", "git-receive-pack")
                    .get("/" + t.id() + ".git/info/refs")));

    private static final Map<String, Map<Who, String>> OBSERVED = new ConcurrentHashMap<>();
    private static Fixture fixture;

    static Stream<Arguments> cases() {
        return ROUTES.stream().flatMap(route -> Arrays.stream(Repo.values())
                .flatMap(repo -> Arrays.stream(Who.values()).map(who -> Arguments.of(route, repo, who))));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("cases")
    void everyRouteAnswersEveryCallerAsTheTableSays(Route route, Repo repo, Who who) {
        Fixture f = fixture();
        String expected = expected(route.action(), repo, who);
        Response response = route.call().apply(f.request(who, route.family()), f.target(repo));
        OBSERVED.computeIfAbsent(route.name() + " " + repo.name().toLowerCase(Locale.ROOT), k -> new EnumMap<>(Who.class))
                .put(who, String.valueOf(response.statusCode()));

        String context = route + " on the " + repo + " repository as " + who + ": " + response.getHeader("X-Error-Message");
        if (expected.equals("ok")) {
            assertThat(response.statusCode()).as(context).isBetween(200, 299);
            return;
        }
        String[] cell = expected.split(":");
        int status = Integer.parseInt(cell[0]);
        String code = cell.length > 1 ? cell[1] : status == 403 ? "Forbidden" : "RepoNotFound";
        assertThat(response.statusCode()).as(context).isEqualTo(status);
        assertThat(response.getHeader("X-Error-Code")).as(context).isEqualTo(code);
        assertThat(response.getHeader("X-Error-Message")).as(context).isNotBlank();
        if (status == 401) {
            assertThat(response.getHeader("WWW-Authenticate")).as(context).isEqualTo("Basic realm=\"Stoa\"");
        }
        if (route.family() == Family.LFS) {
            assertThat(response.getContentType()).as(context).startsWith("application/vnd.git-lfs+json");
            assertThat(response.jsonPath().getString("message")).as(context).isNotBlank();
        }
    }

    /** The matrix as observed, printed as documentation of who may do what. */
    @AfterAll
    static void printTheMatrix() {
        if (OBSERVED.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder("\nAuthorization matrix (HTTP status per route, repository and caller):\n");
        table.append(String.format("%-26s", ""));
        for (Who who : Who.values()) {
            table.append(String.format("%-11s", who));
        }
        table.append('\n');
        for (Route route : ROUTES) {
            for (Repo repo : Repo.values()) {
                String row = route.name() + " " + repo.name().toLowerCase(Locale.ROOT);
                Map<Who, String> cells = OBSERVED.getOrDefault(row, Map.of());
                table.append(String.format("%-26s", row));
                for (Who who : Who.values()) {
                    table.append(String.format("%-11s", cells.getOrDefault(who, "-")));
                }
                table.append('\n');
            }
        }
        System.out.println(table);
    }

    private static String expected(Action action, Repo repo, Who who) {
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        List<String> callers = List.of(lines.getFirst().trim().split("\\s+"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            if (cells[0].equals(action.name()) && cells[1].equals(repo.name())) {
                return cells[2 + callers.indexOf(who.name())];
            }
        }
        throw new IllegalStateException("The table has no row for " + action + " " + repo);
    }

    private static Response lfsBatch(RequestSpecification request, Fixture.Target target, String operation, String oid, long size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", operation);
        body.put("transfers", List.of("basic"));
        body.put("objects", List.of(LfsClient.object(oid, size)));
        body.put("hash_algo", "sha256");
        return request.contentType("application/vnd.git-lfs+json").accept("application/vnd.git-lfs+json")
                .body(LfsClient.json(body)).post("/" + target.id() + ".git/info/lfs/objects/batch");
    }

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = new Fixture();
        }
        return fixture;
    }

    /** One organisation with a member of each role, platform roles, tokens, and its repositories with files. */
    static final class Fixture {

        /** A repository to call; {@code disposable} makes a fresh one like it, for routes that destroy it. */
        record Target(String id, boolean isPrivate, String lfsOid, java.util.function.Supplier<String> disposable) {
        }

        private final Map<Who, String> tokens = new EnumMap<>(Who.class);
        private final Map<Repo, Target> targets = new EnumMap<>(Repo.class);

        Fixture() {
            String orgAdmin = TestAccounts.newUser();
            String org = TestOrgs.newOrg(orgAdmin);
            String adminToken = TestAccounts.tokenOf(orgAdmin, "write");
            Map<Who, String> users = new EnumMap<>(Who.class);
            for (Who who : List.of(Who.reader, Who.writer, Who.other, Who.admin, Who.curator)) {
                users.put(who, TestAccounts.newUser());
            }
            TestOrgs.addMember(org, orgAdmin, users.get(Who.reader), "read");
            TestOrgs.addMember(org, orgAdmin, users.get(Who.writer), "write");
            TestOrgs.setPlatformRole(users.get(Who.admin), "admin");
            TestOrgs.setPlatformRole(users.get(Who.curator), "curator");
            users.forEach((who, user) -> tokens.put(who, TestAccounts.tokenOf(user, "write")));
            tokens.put(Who.orgAdmin, adminToken);
            tokens.put(Who.readToken, TestAccounts.tokenOf(users.get(Who.writer), "read"));

            byte[] weights = LfsClient.randomBytes(64);
            for (Repo repo : Repo.values()) {
                boolean isPrivate = repo == Repo.PRIVATE;
                java.util.function.Supplier<String> create = () -> {
                    String id = TestRepos.create(adminToken, org, "model", isPrivate);
                    if (repo == Repo.GATED) {
                        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("gated", "manual"))
                                .put("/api/models/" + id + "/settings").then().statusCode(200);
                    }
                    return id;
                };
                TestRepos.Owned owned = new TestRepos.Owned(orgAdmin, adminToken, create.get(), "model");
                String oid = TestRepos.uploadLfs(owned, weights);
                TestRepos.commit(owned, "main", TestRepos.ndjson("files")
                        .file("hello.txt", "hello").lfsFile("weights.bin", oid, weights.length));
                targets.put(repo, new Target(owned.id(), isPrivate, oid, create));
            }
            // The writer's token, limited to another repository of the organisation.
            String elsewhere = TestRepos.create(adminToken, org, "model", false);
            tokens.put(Who.restricted, given().auth().preemptive().basic(users.get(Who.writer), TestAccounts.PASSWORD)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "elsewhere", "scope", "write", "repositories", List.of(elsewhere)))
                    .post("/api/v1/tokens").then().statusCode(201).extract().path("token"));
        }

        Target target(Repo repo) {
            return targets.get(repo);
        }

        /** A request with the caller's token as the family sends it: Bearer, or Basic with the token as password for git. */
        RequestSpecification request(Who who, Family family) {
            RequestSpecification request = given();
            String token = tokens.get(who);
            if (token == null) {
                return request;
            }
            return family == Family.GIT ? request.auth().preemptive().basic("git", token) : request.auth().oauth2(token);
        }
    }
}
