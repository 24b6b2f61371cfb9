package dev.imgcls.train.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected strings are Python 3's own repr() output. */
class PythonFloatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.5|0.5", "1.0|1.0", "0.00001|1e-05", "0.0001|0.0001", "0.1|0.1", "0.3333333333333333|0.3333333333333333",
            "0.30000000000000004|0.30000000000000004", "1e16|1e+16", "1e15|1000000000000000.0",
            "9999999999999998.0|9999999999999998.0", "1e22|1e+22", "1e-7|1e-07", "1.5e-7|1.5e-07", "123456789.0|123456789.0",
            "0.8125|0.8125", "4.9e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308", "100|100.0", "-2.5|-2.5",
            "1234.5|1234.5", "12345678901234567890|1.2345678901234567e+19", "0.001|0.001", "0.00012345|0.00012345",
            "9007199254740992|9007199254740992.0", "1700000000.123456|1700000000.123456", "2.2250738585072014e-308|2.2250738585072014e-308",
            "9.5367431640625e-07|9.5367431640625e-07", "8.41e21|8.41e+21",
    })
    void matchesPythonRepr(String javaLiteral, String python) {
        assertEquals(python, PythonFloat.repr(Double.parseDouble(javaLiteral)));
    }

    @Test
    void specialValues() {
        assertEquals("0.0", PythonFloat.repr(0.0));
        assertEquals("-0.0", PythonFloat.repr(-0.0));
        assertEquals("nan", PythonFloat.repr(Double.NaN));
        assertEquals("inf", PythonFloat.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonFloat.repr(Double.NEGATIVE_INFINITY));
    }

    /** ~590 doubles (random bit patterns, ordinary values, powers of two and their neighbours) with Python's repr. */
    @Test
    void matchesPythonOnAFileOfItsOutput() throws IOException {
        int checked = 0;
        try (InputStream in = PythonFloatTest.class.getResourceAsStream("python-float-repr.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                assertEquals(parts[1], PythonFloat.repr(x), "bits " + parts[0]);
                checked++;
            }
        }
        assertTrue(checked > 500, "read " + checked + " values");
    }
}
