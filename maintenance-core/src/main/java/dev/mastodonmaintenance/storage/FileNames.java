package dev.mastodonmaintenance.storage;

/**
 * Ruby's {@code File.extname} and {@code File.basename(name, ".*")}, which Paperclip
 * builds style file names with: a leading dot does not start an extension, and a trailing
 * dot is not one.
 */
final class FileNames {

	private FileNames() {
	}

	static String extension(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return (dot > 0 && dot < fileName.length() - 1) ? fileName.substring(dot + 1) : "";
	}

	static String baseName(String fileName) {
		String extension = extension(fileName);
		return extension.isEmpty() ? fileName : fileName.substring(0, fileName.length() - extension.length() - 1);
	}

}
