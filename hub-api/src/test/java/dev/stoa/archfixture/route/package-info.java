/** Routes that the route authorization test must judge right. */
package dev.stoa.archfixture.route;
