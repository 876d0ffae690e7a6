package io.muster.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Artemis broker Muster is a client of ({@code broker.url}), instead of the broker it embeds by
 * default, and the login Muster's own connections use on it ({@code broker.user},
 * {@code broker.password}; none for a broker that lets anonymous clients in).
 *
 * @param url      in Artemis's form: {@code tcp://HOST:PORT[?params]} for one broker, or
 *                 {@code (tcp://A:PORT,tcp://B:PORT)[?params]} for a cluster or an HA pair
 * @param user     Muster's login on that broker, or null for none
 * @param password its password, or null
 */
public record ExternalBrokerSettings(String url, String user, String password) {

    private static final Pattern MEMBER = Pattern.compile("tcp://([^:/?,()\\s]+|\\[[0-9a-fA-F:.]+]):(\\d{1,5})");
    private static final Pattern PARAMS = Pattern.compile("[A-Za-z][A-Za-z0-9.]*=[^&=\\s]*(&[A-Za-z][A-Za-z0-9.]*=[^&=\\s]*)*");

    public ExternalBrokerSettings {
        url = normalise(url);
        if (password != null && user == null) {
            throw new IllegalArgumentException("setting " + Settings.BROKER_PASSWORD.id() + " is set but "
                    + Settings.BROKER_USER.id() + " is not: a password needs the login it belongs to");
        }
    }

    /**
     * The URL in Artemis's form. Accepts one {@code tcp://HOST:PORT}, Artemis's own list form
     * {@code (tcp://A:P,tcp://B:P)?params}, or a plain list {@code tcp://A:P,tcp://B:P} (as an
     * environment variable or a TOML array writes it), which becomes the list form.
     *
     * @throws IllegalArgumentException naming {@code broker.url} and what is wrong
     */
    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("setting broker.url must not be empty");
        }
        String s = text.strip();
        String params = null;
        String list;
        if (s.startsWith("(")) {
            int close = s.indexOf(')');
            if (close < 0) {
                throw bad(text, "has '(' without ')'");
            }
            list = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith("?")) {
                    throw bad(text, "may have only ?params after ')'");
                }
                params = rest.substring(1);
            }
        } else {
            int q = s.lastIndexOf('?');
            // params belong to the whole list when the URL is written as a plain list: keep them at the end
            list = q < 0 ? s : s.substring(0, q);
            params = q < 0 ? null : s.substring(q + 1);
        }
        List<String> members = new ArrayList<>();
        for (String m : list.split(",", -1)) {
            String member = m.strip();
            if (member.startsWith("vm:")) {
                throw bad(text, "names the in-VM broker; leave broker.url unset for the embedded broker");
            }
            Matcher matcher = MEMBER.matcher(member);
            if (!matcher.matches()) {
                throw bad(text, "has '" + member + "', which is not tcp://HOST:PORT");
            }
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65535) {
                throw bad(text, "has port " + port + " in '" + member + "'; ports are 1 to 65535");
            }
            members.add(member);
        }
        if (params != null && !params.isEmpty() && !PARAMS.matcher(params).matches()) {
            throw bad(text, "has parameters '" + params + "' that are not name=value&name=value");
        }
        String tail = params == null || params.isEmpty() ? "" : "?" + params;
        return members.size() == 1 ? members.get(0) + tail : "(" + String.join(",", members) + ")" + tail;
    }

    /** A list from a TOML array, as one URL. */
    public static String fromList(List<?> members) {
        List<String> out = new ArrayList<>();
        for (Object m : members) {
            if (!(m instanceof String s)) {
                throw new IllegalArgumentException("setting broker.url must be a string or a list of strings, has "
                        + m);
            }
            out.add(s.strip());
        }
        return normalise(String.join(",", out));
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("setting broker.url '" + url + "' " + why
                + " (write tcp://HOST:PORT, or (tcp://A:PORT,tcp://B:PORT)?ha=true for a cluster or HA pair)");
    }

    /** What a log line or a message shows: the URL and the login, never the password. */
    public String shown() {
        return url + (user == null ? " (no login)" : " as " + user);
    }

    @Override
    public String toString() {
        return "ExternalBrokerSettings[" + shown() + "]";
    }
}
