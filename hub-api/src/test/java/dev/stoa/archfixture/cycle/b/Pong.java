package dev.stoa.archfixture.cycle.b;

import dev.stoa.archfixture.cycle.a.Ping;

/** The other half of the planted cycle. */
public class Pong {

    public Ping back() {
        return new Ping();
    }
}
