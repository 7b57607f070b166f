package dev.mastodonmaintenance.orphans;

import dev.mastodonmaintenance.storage.MastodonAttachment;

/**
 * A storage key read back into the attachment, row and file name it would belong to.
 *
 * @param key the key
 * @param attachment the attachment its first segments name
 * @param recordId the row id its partition spells
 * @param fileName its last segment
 */
public record RecognizedKey(String key, MastodonAttachment attachment, long recordId, String fileName) {
}
