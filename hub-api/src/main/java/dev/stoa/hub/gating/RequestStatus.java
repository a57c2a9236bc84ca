package dev.stoa.hub.gating;

/** Where an access request stands; only {@code accepted} lets its user download. */
public enum RequestStatus { pending, accepted, rejected }
