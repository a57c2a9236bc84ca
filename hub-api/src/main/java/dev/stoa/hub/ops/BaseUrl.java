package dev.stoa.hub.ops;

import dev.stoa.hub.config.StoaConfig;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The URL users reach this Stoa at, which every absolute link Stoa hands out starts with (repository and commit URLs,
 * {@code Link} pagination, LFS actions, signed transfer links, the portal's snippets, single sign-on redirects).
 * <p>
 * {@code stoa.base-url} wins when it is set. Otherwise each answer's links follow the address its request came to:
 * the scheme and {@code Host} the client used, so a client that set {@code HF_ENDPOINT=http://10.0.0.5:8080} gets
 * links that start with exactly that (the Hugging Face clients refuse any other). A proxy's {@code Forwarded} or
 * {@code X-Forwarded-*} headers count only where Quarkus is told to trust them
 * ({@code quarkus.http.proxy.proxy-address-forwarding}); otherwise anyone could choose the links Stoa answers with.
 */
@ApplicationScoped
public class BaseUrl {

    private static final Logger LOG = Logger.getLogger(BaseUrl.class);
    private static final Pattern HOST = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    /** Distinct unexpected hosts reported in the log, at most: a client choosing Host headers cannot flood it. */
    private static final int MAX_REPORTED_HOSTS = 20;

    private final Optional<String> configured;
    private final Optional<String> configuredAuthority;
    private final boolean forwardedTrusted;
    private final Set<String> reportedHosts = ConcurrentHashMap.newKeySet();

    BaseUrl(StoaConfig config,
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwardedTrusted) {
        this.configured = config.baseUrl().map(BaseUrl::validated);
        this.configuredAuthority = configured.map(URI::create)
                .map(uri -> uri.getHost().toLowerCase(Locale.ROOT) + portSuffix(uri.getScheme().toLowerCase(Locale.ROOT), uri.getPort()));
        this.forwardedTrusted = forwardedTrusted;
    }

    /** The base URL for the answer being built, without a trailing slash. */
    public String get() {
        return currentRequest().map(this::forRequest).orElseGet(() -> configured.orElseGet(BaseUrl::localAddress));
    }

    /** The base URL for the answer to {@code request}, without a trailing slash. */
    public String forRequest(HttpServerRequest request) {
        return configured.orElseGet(() -> addressOf(request));
    }

    /** The absolute URL of a path of this Stoa ({@code path} starts with a slash). */
    public String link(String path) {
        return get() + path;
    }

    /** Whether users reach Stoa over https here: cookies are then {@code Secure} and answers carry HSTS. */
    public boolean isHttps() {
        return get().startsWith("https://");
    }

    /** The address a request came to, as its client wrote it (scheme, host and port). */
    static String addressOf(HttpServerRequest request) {
        String scheme = "https".equalsIgnoreCase(request.scheme()) ? "https" : "http";
        HostAndPort authority = request.authority();
        String host = authority == null ? null : bracketed(authority.host());
        if (host == null || !HOST.matcher(host).matches()) {
            // HTTP/1.0 without Host, or a Host that is no host name: the address the connection reached.
            host = bracketed(request.localAddress().hostAddress());
            return scheme + "://" + host + portSuffix(scheme, request.localAddress().port());
        }
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + portSuffix(scheme, authority.port());
    }

    /** Outside a request: this machine, on the port Stoa listens on (read late: a random port is known only once bound). */
    private static String localAddress() {
        String port = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return "http://localhost:" + ConfigProvider.getConfig().getOptionalValue(port, Integer.class).orElse(8080);
    }

    private static String bracketed(String host) {
        return host != null && host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String portSuffix(String scheme, int port) {
        boolean isDefault = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return isDefault ? "" : ":" + port;
    }

    private static Optional<HttpServerRequest> currentRequest() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext context = container.instance(CurrentVertxRequest.class).get().getCurrent();
        return Optional.ofNullable(context).map(RoutingContext::request);
    }

    /** An absolute http(s) URL with a host and nothing after the path, without its trailing slashes. */
    static String validated(String url) {
        String trimmed = url.strip().replaceFirst("/+$", "");
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (java.net.URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(url, "it must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(url, "it may hold a path prefix, but no user, query or fragment");
        }
        return trimmed;
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("stoa.base-url (STOA_BASE_URL) '" + url + "' is not usable: " + why
                + ". Set it to the URL users reach Stoa at, e.g. https://hub.example.org, or leave it unset so links"
                + " follow the address of each request.");
    }

    void announce(@Observes StartupEvent started) {
        if (configured.isPresent()) {
            LOG.infof("Links point at %s (stoa.base-url).", configured.get());
        } else {
            LOG.infof("Links follow the address each request came to (stoa.base-url is not set); a proxy's forwarded"
                    + " headers are %s (quarkus.http.proxy.proxy-address-forwarding).", forwardedTrusted ? "trusted" : "ignored");
        }
    }

    void register(@Observes Filters filters) {
        if (configuredAuthority.isPresent()) {
            filters.register(this::reportOtherHosts, 900);
        }
    }

    /** Warns, once per host, when requests arrive for another host than the configured one: their links lead elsewhere. */
    private void reportOtherHosts(RoutingContext context) {
        HostAndPort authority = context.request().authority();
        String path = context.normalizedPath();
        if (authority != null && !path.startsWith("/q/")) {
            String address = addressOf(context.request());
            String seen = address.substring(address.indexOf("://") + 3);
            if (!seen.equals(configuredAuthority.get()) && reportedHosts.size() < MAX_REPORTED_HOSTS && reportedHosts.add(seen)) {
                LOG.warnf("A request arrived for %s, but stoa.base-url is %s: the links in its answer point there."
                        + " Set STOA_BASE_URL to the address users reach Stoa at, or leave it unset so links follow each"
                        + " request.%s", seen, configured.get(),
                        reportedHosts.size() == MAX_REPORTED_HOSTS ? " Further hosts are not reported." : "");
            }
        }
        context.next();
    }
}
