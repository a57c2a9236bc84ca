package dev.stoa.hub;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route of Stoa (Hub API, git, LFS, portal, admin) decides who may call it: its method, or the code of its
 * own package it calls, reaches the {@code access} package or asks for an authenticated {@link Caller}
 * ({@code Caller.required}, {@code Caller.signedIn}, {@code requireWrite}, a role check), or the route says with {@link PublicRoute} why anyone
 * may call it. A new route that does neither fails here, before it can leak a private repository.
 */
class RouteAuthorizationTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> VERBS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class);

    @Test
    void everyRouteIsAuthorizedOrDeclaredPublic() {
        List<JavaMethod> routes = routes(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.stoa.hub"));
        assertThat(routes).as("routes found").hasSizeGreaterThan(100);
        List<String> unchecked = routes.stream()
                .filter(route -> !route.isAnnotatedWith(PublicRoute.class) && !route.getOwner().isAnnotatedWith(PublicRoute.class))
                .filter(route -> !reachesAuthorization(route))
                .map(JavaMethod::getFullName)
                .sorted()
                .toList();
        assertThat(unchecked).as("routes that neither check access nor say why they are public (@PublicRoute)").isEmpty();
    }

    @Test
    void aRouteThatForgetsItsCheckIsReported() {
        JavaClass fixture = new ClassFileImporter().importPackages("dev.stoa.archfixture.route").get("dev.stoa.archfixture.route.Routes");
        assertThat(reachesAuthorization(fixture.getMethod("forgetsItsCheck"))).isFalse();
        assertThat(reachesAuthorization(fixture.getMethod("asksForACaller"))).as("through a lambda and a helper").isTrue();
    }

    static List<JavaMethod> routes(JavaClasses hub) {
        return hub.stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> VERBS.stream().anyMatch(m::isAnnotatedWith))
                .toList();
    }

    /** Whether the route, or the code of its own top-level package that it calls, asks {@code access} or requires a caller. */
    static boolean reachesAuthorization(JavaMethod route) {
        String family = familyOf(route.getOwner());
        Deque<JavaCodeUnit> pending = new ArrayDeque<>(List.of(route));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            JavaCodeUnit unit = pending.pop();
            if (!seen.add(unit.getFullName())) {
                continue;
            }
            for (var call : unit.getCallsFromSelf()) {
                JavaClass target = call.getTargetOwner();
                if (isAuthorization(target, call.getName())) {
                    return true;
                }
                if (familyOf(target).equals(family)) {
                    call.getTarget().resolveMember().ifPresent(pending::push);
                }
            }
            // Lambdas inside the unit compile to synthetic methods named after it.
            unit.getOwner().getCodeUnits().stream()
                    .filter(other -> other.getName().startsWith("lambda$" + unit.getName() + "$"))
                    .forEach(pending::push);
        }
        return false;
    }

    private static boolean isAuthorization(JavaClass target, String method) {
        if (target.getPackageName().startsWith("dev.stoa.hub.access")) {
            return true;
        }
        return target.isEquivalentTo(Caller.class)
                && (method.equals("signedIn") || method.startsWith("require") || method.startsWith("is") || method.equals("canWrite"));
    }

    private static String familyOf(JavaClass type) {
        String name = type.getPackageName();
        String[] parts = name.split("\\.");
        return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2], parts[3]) : name;
    }
}
