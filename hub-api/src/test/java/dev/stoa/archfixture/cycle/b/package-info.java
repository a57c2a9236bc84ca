/** The other side of a planted package cycle. */
package dev.stoa.archfixture.cycle.b;
