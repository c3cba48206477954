package org.darkfigure.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.darkfigure.read.RawRecord;
import org.darkfigure.read.RowSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first worksheet of an XLSX workbook as text records, read with POI's streaming SAX parser so
 * memory stays bounded whatever the sheet's size. Dates are written as YYYY-MM-DD whatever the
 * cell's display format; formulas give their cached values. Record numbers are the sheet's row numbers.
 * The SAX parse pushes rows; a small queue hands them to the pulling validator.
 */
final class XlsxRowReader implements RowSource {

    private static final RawRecord END = RawRecord.broken(-1, RawRecord.Defect.NONE, null);

    private final OPCPackage workbook;
    private final BlockingQueue<RawRecord> rows = new ArrayBlockingQueue<>(1024);
    private final Thread parser;
    private volatile Exception failure;
    private volatile boolean closed;
    private boolean ended;

    private XlsxRowReader(OPCPackage workbook, InputStream sheet, ReadOnlySharedStringsTable strings, StylesTable styles) {
        this.workbook = workbook;
        this.parser = new Thread(() -> parse(sheet, strings, styles), "xlsx-reader");
        parser.setDaemon(true);
        parser.start();
    }

    static XlsxRowReader open(Path file) throws IOException {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("the workbook has no worksheet");
            }
            return new XlsxRowReader(pkg, sheets.next(), new ReadOnlySharedStringsTable(pkg), reader.getStylesTable());
        } catch (UnreadableFileException e) {
            closeQuietly(pkg);
            throw e;
        } catch (Exception e) {
            closeQuietly(pkg);
            throw UnreadableFileException.because("the file is not a readable XLSX workbook", e);
        }
    }

    private void parse(InputStream sheet, ReadOnlySharedStringsTable strings, StylesTable styles) {
        try (InputStream in = sheet) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(), new IsoDates(), false));
            xml.parse(new InputSource(in));
        } catch (StopParsing e) {
            // the reader was closed early
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            failure = e;
        } finally {
            put(END);
        }
    }

    /** Collects cells into records; missing cells between present ones are empty values. */
    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<String> cells = new ArrayList<>();

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(String::isEmpty)) {
                return; // a blank row, like a blank CSV line
            }
            put(new RawRecord(rowNum + 1L, cells.toArray(String[]::new), new BitSet(), RawRecord.Defect.NONE, -1));
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= org.darkfigure.read.CsvRowReader.DEFAULT_MAX_FIELDS) {
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }

    /** Formats date cells as ISO dates and numbers without thousands separators. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value);
                return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString();
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return Double.toString(value);
        }
    }

    private static final class StopParsing extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void put(RawRecord record) {
        try {
            while (!rows.offer(record, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new StopParsing();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopParsing();
        }
    }

    @Override
    public RawRecord next() throws IOException {
        if (ended) {
            return null;
        }
        RawRecord r;
        try {
            r = rows.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the workbook");
        }
        if (r == END) {
            ended = true;
            if (failure != null) {
                throw UnreadableFileException.because("the worksheet could not be read", failure);
            }
            return null;
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        rows.clear();
        try {
            parser.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(workbook);
    }

    private static void closeQuietly(OPCPackage pkg) {
        if (pkg != null) {
            pkg.revert();
        }
    }
}
