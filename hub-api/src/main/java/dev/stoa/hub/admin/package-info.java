/**
 * Administrators' view of the event stream: consumers, their lag, parked deliveries, replay and drop
 * ({@code /api/v1/admin/events}).
 * <p>Uses: {@code event}, {@code identity}, {@code error}.
 */
package dev.stoa.hub.admin;
