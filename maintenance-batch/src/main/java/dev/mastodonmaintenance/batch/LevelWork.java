package dev.mastodonmaintenance.batch;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The work of one level in one step execution, done one bounded chunk at a time.
 * <p>
 * The step calls {@link #nextChunk} repeatedly, each call in its own transaction on
 * Mastodon's database. That transaction also saves the step's
 * {@link LevelTransaction#checkpoint() checkpoint} and {@link LevelTransaction#report()
 * report}, so what a chunk changed and where the level stands commit together: a restart
 * after a failure, a stop or a killed JVM resumes after the last committed chunk. A chunk
 * therefore reads its position from the checkpoint, does a bounded amount of work (no
 * statement may read a whole large table), and writes its new position back.
 * <p>
 * Stored objects freed by a chunk's database change are handed to
 * {@link LevelTransaction#removeAfterCommit}: they are recorded as pending in the
 * deletion manifest within the chunk's transaction and removed from storage during the
 * next call, once the change is durable, while that call does its own work. A dry run
 * takes the same path, changing nothing and recording what would go.
 */
public interface LevelWork extends AutoCloseable {

	/**
	 * Why this level cannot run with what is configured (no Redis for the cache, no
	 * storage for media), or {@code null} when it can. A level that cannot run ends as
	 * skipped with this reason, not failed.
	 * @return the reason, or {@code null}
	 */
	default @Nullable String unavailableReason() {
		return null;
	}

	/**
	 * Does the next chunk.
	 * @param chunk the chunk's context
	 * @return {@code true} while there is more to do, {@code false} once the level is
	 * done
	 * @throws Exception when the chunk fails: its transaction rolls back and the step
	 * fails, restartable
	 */
	boolean nextChunk(LevelTransaction chunk) throws Exception;

	/**
	 * The lines summing up the level, in tootctl's words, such as
	 * {@code Removed 12 media attachments (approx. 3.4 MB)}.
	 * @param report the level's figures
	 * @return the summary lines
	 */
	List<String> summary(LevelReport report);

	/**
	 * Releases what the work holds (connections), once its step has ended.
	 */
	@Override
	default void close() {
	}

}
