package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonceTest {
    @Test
    void everyNonceIsSixteenFreshBytesAcrossPoolRefills() {
        // more than four pools' worth: nonces drawn on both sides of a refill are fresh too
        int count = 1_100;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String nonce = HostConfig.newNonce();
            assertEquals(16, Base64.getDecoder().decode(nonce).length, nonce);
            seen.add(nonce);
        }
        // 128 random bits each: a repeat would mean a byte of the pool was handed out twice
        assertEquals(count, seen.size());
    }
}
