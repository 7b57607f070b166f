/**
 * The deletion manifest at hand: what each run removed, failed to remove, left pending or
 * would have removed in a dry run, row by row and object by object, filtered and paged
 * ({@link DeletionManifestRecords}), and its pages in the console.
 */
@NullMarked
package dev.mastodonmaintenance.boot.manifest;

import org.jspecify.annotations.NullMarked;
