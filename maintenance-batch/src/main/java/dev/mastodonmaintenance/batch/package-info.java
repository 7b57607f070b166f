/**
 * The maintenance job: one restartable step per clean-up level, from light to very heavy,
 * and the framework those steps share (bounded chunks, checkpoints, reports, parameters).
 */
@NullMarked
package dev.mastodonmaintenance.batch;

import org.jspecify.annotations.NullMarked;
