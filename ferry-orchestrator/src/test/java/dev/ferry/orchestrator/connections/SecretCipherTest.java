package dev.ferry.orchestrator.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] PLAIN = "s3cret-Pässword".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "connection shop".getBytes(StandardCharsets.UTF_8);

    private final SecretCipher cipher = new SecretCipher(MasterKey.generate());

    @Test
    void opensWhatItSealed() throws Exception {
        Sealed sealed = cipher.seal(PLAIN, AAD);

        assertThat(sealed.keyId()).isEqualTo(cipher.key().id());
        assertThat(cipher.open(sealed, AAD)).isEqualTo(PLAIN);
        assertThat(Base64.getDecoder().decode(sealed.text()))
                .hasSize(SecretCipher.NONCE_BYTES + PLAIN.length + SecretCipher.TAG_BITS / 8);
        assertThat(sealed.text()).doesNotContain("s3cret");
    }

    @Test
    void everySealUsesAFreshNonce() throws Exception {
        Sealed first = cipher.seal(PLAIN, AAD);
        Sealed second = cipher.seal(PLAIN, AAD);

        assertThat(first.text()).isNotEqualTo(second.text());
        assertThat(nonceOf(first)).isNotEqualTo(nonceOf(second));
        assertThat(cipher.open(second, AAD)).isEqualTo(PLAIN);
    }

    @Test
    void aChangedCiphertextDoesNotOpen() {
        Sealed sealed = cipher.seal(PLAIN, AAD);
        for (int position : new int[] {0, SecretCipher.NONCE_BYTES, SecretCipher.NONCE_BYTES + 3}) {
            byte[] bytes = Base64.getDecoder().decode(sealed.text());
            bytes[position] ^= 1;
            Sealed tampered = new Sealed(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));

            SecretCipher.OpenFailure failure = catchThrowableOfType(SecretCipher.OpenFailure.class,
                    () -> cipher.open(tampered, AAD));

            assertThat(failure.reason()).as("byte %d flipped", position).isEqualTo(SecretCipher.OpenFailure.Reason.DAMAGED);
        }
    }

    @Test
    void truncatedOrGarbledTextIsDamageNotACrash() {
        for (String text : new String[] {"", "AAAA", "not base64 at all!"}) {
            SecretCipher.OpenFailure failure = catchThrowableOfType(SecretCipher.OpenFailure.class,
                    () -> cipher.open(new Sealed(cipher.key().id(), text), AAD));

            assertThat(failure.reason()).as(text).isEqualTo(SecretCipher.OpenFailure.Reason.DAMAGED);
        }
    }

    @Test
    void otherAssociatedDataDoesNotOpen() {
        Sealed sealed = cipher.seal(PLAIN, AAD);

        SecretCipher.OpenFailure failure = catchThrowableOfType(SecretCipher.OpenFailure.class,
                () -> cipher.open(sealed, "connection shop2".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure.reason()).isEqualTo(SecretCipher.OpenFailure.Reason.DAMAGED);
    }

    @Test
    void anotherKeyIsToldApartByItsId() {
        Sealed sealed = cipher.seal(PLAIN, AAD);
        SecretCipher other = new SecretCipher(MasterKey.generate());

        SecretCipher.OpenFailure failure = catchThrowableOfType(SecretCipher.OpenFailure.class,
                () -> other.open(sealed, AAD));

        assertThat(failure.reason()).isEqualTo(SecretCipher.OpenFailure.Reason.OTHER_KEY);
        assertThat(failure.sealedWith()).isEqualTo(cipher.key().id());
        assertThat(failure.current()).isEqualTo(other.key().id());
    }

    @Test
    void anotherKeyClaimingTheRightIdStillDoesNotOpen() {
        Sealed sealed = cipher.seal(PLAIN, AAD);
        SecretCipher other = new SecretCipher(MasterKey.generate());

        SecretCipher.OpenFailure failure = catchThrowableOfType(SecretCipher.OpenFailure.class,
                () -> other.open(new Sealed(other.key().id(), sealed.text()), AAD));

        assertThat(failure.reason()).isEqualTo(SecretCipher.OpenFailure.Reason.DAMAGED);
    }

    private static byte[] nonceOf(Sealed sealed) {
        return java.util.Arrays.copyOf(Base64.getDecoder().decode(sealed.text()), SecretCipher.NONCE_BYTES);
    }
}
