package dev.stoa.hub.ops;


import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route (a resource method, or every route of a class) that anyone may call without an access check of its
 * own, and says why: a sign-in page, a health probe, a list that holds only what the caller may read. Every other
 * route reaches {@code access.RepoAccess} or asks for an authenticated {@code identity.Caller}; a test walks
 * all routes and fails on one that does neither, so a new route cannot forget its authorization.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicRoute {

    /** Why no check is needed, for the reader of the route. */
    String value();
}
