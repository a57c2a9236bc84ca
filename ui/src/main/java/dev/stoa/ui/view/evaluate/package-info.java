/** What the evaluation pages show: runs with their scores, the run form, leaderboard lines. */
package dev.stoa.ui.view.evaluate;
