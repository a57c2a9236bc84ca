package dev.stoa.hub.event;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payload of an event that says what a feature changed about one thing, before and after: a repository created,
 * moved, deleted or made private, a token created or revoked, a quarantine imposed or lifted, a curation or access
 * request decided, a membership or a policy changed. Features write it with {@link Outbox#change}; the audit trail
 * records every one, and any feature may react to its type.
 *
 * @param targetType what changed: {@code repo}, {@code file}, {@code token}, {@code org}, {@code account},
 *                   {@code policy}, ...
 * @param target     which one: {@code ns/name}, {@code ns/name:path}, a token's id, an organisation's name
 * @param ownerId    the account that owns it (an organisation's admins read its changes), 0 for none
 * @param actor      who made the change when that is not the caller of the request writing it: empty for Stoa
 *                   itself (an automatic quarantine); absent (null) to take the request's caller
 * @param before     the relevant state before, empty when created; never secrets
 * @param after      the relevant state after, empty when removed; never secrets
 */
public record Change(String targetType, String target, long ownerId, Actor actor, Map<String, Object> before,
                     Map<String, Object> after) {

    public Change {
        Objects.requireNonNull(targetType, "targetType is null");
        Objects.requireNonNull(target, "target is null");
        before = before == null ? Map.of() : Map.copyOf(before);
        after = after == null ? Map.of() : Map.copyOf(after);
    }

    /** A change made by the caller of the request being served. */
    public static Change of(String targetType, String target, long ownerId, Map<String, Object> before,
                            Map<String, Object> after) {
        return new Change(targetType, target, ownerId, null, before, after);
    }

    /** The same change, made by {@code actor}. */
    public Change by(Actor actor) {
        return new Change(targetType, target, ownerId, Objects.requireNonNull(actor, "actor is null"), before, after);
    }

    /** Who acted: an account, or (both null) Stoa itself. */
    public record Actor(Long id, String name) {

        /** Stoa itself: a plugin's verdict, a policy, an automatic reaction. */
        public static final Actor STOA = new Actor(null, null);

        /** {@code id} named {@code name}, or Stoa when they are empty. */
        public static Actor of(Optional<Long> id, Optional<String> name) {
            return new Actor(id.orElse(null), name.orElse(null));
        }
    }
}
