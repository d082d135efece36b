package io.coachmatch.serving.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket: the request target goes on the wire byte for byte, so that no client
 * normalises, re-encodes or rejects a path before the server sees it.
 */
public final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length:\\s*(\\d+)");

    /** A status line, the headers (names in lower case, the last value of each) and the body as text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /**
     * Sends one request on a new connection and reads the answer until the server closes it.
     *
     * @param target        the request target exactly as it goes on the request line
     * @param authorization the Authorization header, or null for none
     * @param body          a JSON body, or null for none
     */
    public static Response send(int port, String method, String target, String authorization, String body) {
        return send(
                port,
                method,
                target,
                authorization,
                "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response send(
            int port, String method, String target, String authorization, String contentType, byte[] body) {
        return send(port, method, target, authorization, contentType, body, body == null ? 0 : body.length);
    }

    /**
     * Sends {@code body} but declares {@code declaredLength} bytes (or, when negative, sends it as the first chunk
     * of a chunked body that never ends), and then waits for the answer without sending more: a server that reads
     * more than it was sent waits too, until this side's read times out.
     */
    public static Response send(
            int port,
            String method,
            String target,
            String authorization,
            String contentType,
            byte[] body,
            long declaredLength) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (declaredLength >= 0) {
            head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
        } else {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    if (declaredLength < 0) {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(body);
                } catch (IOException e) {
                    // The server may answer and close before reading a body it refuses; read that answer.
                }
            }
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** Reads until the answer is complete (by its length, its last chunk or the end of the connection). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; !complete(all.toByteArray()) && (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
            }
        } catch (IOException e) {
            // A reset after the answer (the server closing a connection whose body it did not read): keep what came.
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    private static boolean complete(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int bodyBytes = raw.length - end - 4;
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return bodyBytes >= Long.parseLong(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n") || text.substring(end + 4).startsWith("0\r\n\r\n");
        }
        return false;
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalStateException("not an HTTP answer: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < chunked.length()) {
            int eol = chunked.indexOf("\r\n", pos);
            if (eol < 0) {
                break;
            }
            int size =
                    Integer.parseInt(chunked.substring(pos, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the bodies here are ASCII JSON, where bytes and characters agree.
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            pos = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
