package io.imgfilter.taglib;

import jakarta.servlet.jsp.JspWriter;
import java.io.IOException;

/** A JspWriter that collects what a tag writes. */
final class StringJspWriter extends JspWriter {

    private final StringBuilder out = new StringBuilder();

    StringJspWriter() {
        super(0, false);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        out.append(buffer, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        out.append(text, offset, offset + length);
    }

    @Override
    public void write(int c) {
        out.append((char) c);
    }

    @Override
    public void newLine() {
        out.append('\n');
    }

    @Override
    public void print(boolean b) {
        out.append(b);
    }

    @Override
    public void print(char c) {
        out.append(c);
    }

    @Override
    public void print(int i) {
        out.append(i);
    }

    @Override
    public void print(long l) {
        out.append(l);
    }

    @Override
    public void print(float f) {
        out.append(f);
    }

    @Override
    public void print(double d) {
        out.append(d);
    }

    @Override
    public void print(char[] s) {
        out.append(s);
    }

    @Override
    public void print(String s) {
        out.append(s);
    }

    @Override
    public void print(Object obj) {
        out.append(obj);
    }

    @Override
    public void println() {
        newLine();
    }

    @Override
    public void println(boolean x) {
        print(x);
        newLine();
    }

    @Override
    public void println(char x) {
        print(x);
        newLine();
    }

    @Override
    public void println(int x) {
        print(x);
        newLine();
    }

    @Override
    public void println(long x) {
        print(x);
        newLine();
    }

    @Override
    public void println(float x) {
        print(x);
        newLine();
    }

    @Override
    public void println(double x) {
        print(x);
        newLine();
    }

    @Override
    public void println(char[] x) {
        print(x);
        newLine();
    }

    @Override
    public void println(String x) {
        print(x);
        newLine();
    }

    @Override
    public void println(Object x) {
        print(x);
        newLine();
    }

    @Override
    public void clear() throws IOException {
        out.setLength(0);
    }

    @Override
    public void clearBuffer() {
        out.setLength(0);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public int getRemaining() {
        return 0;
    }
}
