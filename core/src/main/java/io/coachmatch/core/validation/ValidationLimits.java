package io.coachmatch.core.validation;

/**
 * Hard caps on what one document may contain, so that a hostile payload cannot exhaust memory or
 * CPU: the payload's size is checked before parsing, list lengths and string lengths before use.
 *
 * @param maxPayloadBytes largest request accepted, in bytes of UTF-8
 * @param maxSkills       most entries in {@code skills_required} (the contract allows 50)
 * @param maxListLength   most entries in any other list (languages, slots, certifications, ...)
 * @param maxNameLength   longest short string: names, ids, codes
 * @param maxTitleLength  longest title
 * @param maxTextLength   longest free text: descriptions, bios
 */
public record ValidationLimits(
        int maxPayloadBytes,
        int maxSkills,
        int maxListLength,
        int maxNameLength,
        int maxTitleLength,
        int maxTextLength) {

    public ValidationLimits {
        if (maxPayloadBytes < 1024
                || maxSkills < 1
                || maxListLength < 1
                || maxNameLength < 8
                || maxTitleLength < 8
                || maxTextLength < 8) {
            throw new IllegalArgumentException("validation limits are too small to accept any real document: " + this);
        }
    }

    /** 64 KiB payloads, 50 skills, 64 entries per list, names of 128, titles of 256, texts of 5,000 characters. */
    public static ValidationLimits defaults() {
        return new ValidationLimits(64 * 1024, 50, 64, 128, 256, 5_000);
    }

    public ValidationLimits withMaxPayloadBytes(int bytes) {
        return new ValidationLimits(bytes, maxSkills, maxListLength, maxNameLength, maxTitleLength, maxTextLength);
    }
}
