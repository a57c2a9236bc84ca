/**
 * Portal pages of one's account: tokens, organisations, access requests to one's repositories.
 */
package dev.stoa.hub.web.account;
