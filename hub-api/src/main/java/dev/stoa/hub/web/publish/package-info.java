/**
 * Portal pages that change a repository: create, upload, edit files, settings.
 */
package dev.stoa.hub.web.publish;
