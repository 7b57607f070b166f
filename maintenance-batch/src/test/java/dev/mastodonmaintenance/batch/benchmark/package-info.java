/**
 * Benchmarks, run by hand (never by the test suite): see {@code docs/benchmarks/}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.benchmark;

import org.jspecify.annotations.NullMarked;
