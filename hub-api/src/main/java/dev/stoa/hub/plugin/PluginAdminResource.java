package dev.stoa.hub.plugin;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.PluginDescriptor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The plugins of this Stoa for platform administrators: what they are, their state, configuration and errors. */
@Path("/api/v1/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Plugins")
public class PluginAdminResource {

    static final String MASK = dev.stoa.spi.PluginValidation.MASK;

    private final PluginHost host;
    private final SecurityIdentity identity;

    public PluginAdminResource(PluginHost host, SecurityIdentity identity) {
        this.host = host;
        this.identity = identity;
    }

    /** One plugin as administrators see it; secrets masked. */
    public record PluginView(String id, String name, String version, String requiredSpi, String description, String origin,
                             String state, String refusal, List<CheckView> checks, Map<String, String> configuration,
                             List<PropertyView> properties, List<ErrorView> lastErrors) {
    }

    public record CheckView(String name, String kind) {
    }

    public record PropertyView(String name, String type, String defaultValue, boolean required, boolean secret,
                               String description) {
    }

    public record ErrorView(Instant at, String check, String message) {
    }

    public record StateChange(Boolean enabled) {
    }

    @GET
    @Operation(summary = "List the plugins", description = "Platform administrators only.")
    public List<PluginView> list() {
        requireAdmin();
        return host.plugins().stream().map(this::view).toList();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Enable or disable a plugin", description = "Body {\"enabled\": true|false}; every replica follows. "
            + "Platform administrators only.")
    public PluginView set(@PathParam("id") String id, StateChange change) {
        Caller caller = requireAdmin();
        LoadedPlugin plugin = host.plugin(id).orElseThrow(() -> ApiException.notFound("PluginNotFound",
                "There is no plugin '" + id + "'; GET /api/v1/admin/plugins lists them."));
        if (change == null || change.enabled() == null) {
            throw ApiException.invalidField("enabled", "Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        if (plugin.status() != LoadedPlugin.Status.STARTED) {
            throw ApiException.conflict("PluginNotStarted", "Plugin '" + id + "' did not start ("
                    + (plugin.status() == LoadedPlugin.Status.OFF ? "stoa.plugins." + id + ".enabled=false"
                    : plugin.refusal()) + "); fix that and restart Stoa before switching it on or off here.");
        }
        host.setEnabled(plugin, change.enabled(), caller.accountId());
        return view(plugin);
    }

    private Caller requireAdmin() {
        Caller caller = Caller.required(identity);
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only platform administrators manage plugins.");
        }
        return caller;
    }

    private PluginView view(LoadedPlugin plugin) {
        PluginDescriptor d = plugin.descriptor().orElse(null);
        String state = switch (plugin.status()) {
            case REFUSED -> "refused";
            case OFF -> "disabled";
            case STARTED -> host.isEnabled(plugin) ? "enabled" : "disabled";
        };
        Set<String> secrets = d == null ? Set.of() : d.properties().stream().filter(ConfigProperty::secret)
                .map(ConfigProperty::name).collect(Collectors.toSet());
        Map<String, String> configuration = new LinkedHashMap<>();
        if (d != null) {
            for (ConfigProperty p : d.properties()) {
                String value = plugin.values().getOrDefault(p.name(), p.defaultValue());
                if (value != null) {
                    configuration.put(p.name(), secrets.contains(p.name()) ? MASK : value);
                }
            }
        }
        return new PluginView(plugin.id(), d == null ? plugin.id() : d.name(), d == null ? null : d.version(),
                d == null ? null : d.requiredSpi().toString(), d == null ? "" : d.description(), plugin.origin(), state,
                plugin.refusal(),
                plugin.checks().stream().map(c -> new CheckView(c.fullName(), c.kind().label())).toList(),
                configuration,
                d == null ? List.of() : d.properties().stream().map(p -> new PropertyView(p.name(), p.type().name().toLowerCase(),
                        p.secret() ? (p.defaultValue() == null ? null : MASK) : p.defaultValue(), p.required(), p.secret(),
                        p.description())).toList(),
                plugin.lastErrors().stream().map(e -> new ErrorView(e.at(), e.check(), e.message())).toList());
    }
}
