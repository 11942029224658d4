package org.assessmentruntime.shell.internal;

/**
 * Fits free text (titles, reasons) into a table column: cut at a word boundary and marked with an
 * ellipsis, because the table's own cut stops mid-word ("SSH server disall") and hides that it cut.
 */
final class Titles {

    /** The mark of a cut text. */
    static final String ELLIPSIS = "…";

    private Titles() {
    }

    /**
     * @param text  the text, or null
     * @param width the column's width, at least 2
     * @return the text if it fits, else its longest prefix ending at a word that fits with the ellipsis;
     *         a single word longer than half the width is cut inside it rather than leaving the column
     *         almost empty
     */
    static String fit(String text, int width) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.length() <= width) {
            return line;
        }
        int room = width - ELLIPSIS.length();
        int space = line.lastIndexOf(' ', room);
        int cut = space >= room / 2 ? space : room;
        return line.substring(0, cut).stripTrailing() + ELLIPSIS;
    }
}
