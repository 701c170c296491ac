package dev.ferry.kafka;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Message bytes as text, refusing what is not UTF-8. {@code new String(bytes, UTF_8)} replaces invalid
 * sequences with U+FFFD, which would store a changed value without a word; here the message is refused
 * with the offset of the first bad byte instead (it goes to the dead letters, its bytes kept as received).
 */
final class Utf8 {

    /** The bytes are not UTF-8; the message says where. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private Utf8() {
    }

    static String strict(byte[] bytes) throws MalformedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedException(String.format("not valid UTF-8: byte 0x%02x at offset %d starts an invalid "
                    + "sequence", bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
