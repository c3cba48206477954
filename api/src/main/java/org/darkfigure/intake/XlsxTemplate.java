package org.darkfigure.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.darkfigure.codebook.CsvTemplate;
import org.darkfigure.codes.CodeList;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * The XLSX template of a record type, derived from the standard: a data sheet with the header row
 * (date columns formatted as dates, code columns with drop-down lists), a sheet describing each
 * column, and the code lists.
 */
public final class XlsxTemplate {

    private static final int VALIDATED_ROWS = 10_000;

    private XlsxTemplate() {
    }

    public static byte[] of(Standard standard, RecordType type) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet data = wb.createSheet(type.name());
            Sheet columns = wb.createSheet("columns");
            Sheet codes = wb.createSheet("codes");
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));

            List<String> header = CsvTemplate.columns(type);
            Row head = data.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(header.get(c));
                cell.setCellStyle(bold);
                data.setColumnWidth(c, Math.max(12, header.get(c).length() + 2) * 256);
            }
            data.createFreezePane(0, 1);

            Row describedHead = columns.createRow(0);
            String[] titles = {"column", "type", "required", "code list", "description"};
            for (int c = 0; c < titles.length; c++) {
                describedHead.createCell(c).setCellValue(titles[c]);
                describedHead.getCell(c).setCellStyle(bold);
            }
            DataValidationHelper validation = data.getDataValidationHelper();
            int codeColumn = 0;
            for (int i = 0; i < type.fields().size(); i++) {
                FieldSpec f = type.fields().get(i);
                Row r = columns.createRow(i + 1);
                r.createCell(0).setCellValue(f.name());
                r.createCell(1).setCellValue(f.type().name().toLowerCase());
                r.createCell(2).setCellValue(f.required() ? "yes" : "no");
                r.createCell(3).setCellValue(f.codeList().orElse(""));
                r.createCell(4).setCellValue(f.description());
                int at = header.indexOf(f.name());
                if (f.type() == org.darkfigure.standard.FieldType.DATE) {
                    data.setDefaultColumnStyle(at, date);
                }
                if (f.codeList().isPresent()) {
                    CodeList list = standard.requireCodeList(f.codeList().get());
                    Row codesHead = codes.getRow(0) == null ? codes.createRow(0) : codes.getRow(0);
                    codesHead.createCell(codeColumn).setCellValue(f.name());
                    int k = 1;
                    for (String code : list.labels().keySet()) {
                        Row cr = codes.getRow(k) == null ? codes.createRow(k) : codes.getRow(k);
                        cr.createCell(codeColumn).setCellValue(code);
                        k++;
                    }
                    String letter = CellReference.convertNumToColString(codeColumn);
                    DataValidationConstraint constraint = validation.createFormulaListConstraint(
                            "codes!$" + letter + "$2:$" + letter + "$" + k);
                    DataValidation dv = validation.createValidation(constraint,
                            new CellRangeAddressList(1, VALIDATED_ROWS, at, at));
                    dv.setShowErrorBox(false); // the server validates; the list is a help, not a lock
                    data.addValidationData(dv);
                    codeColumn++;
                }
            }
            columns.setColumnWidth(4, 100 * 256);
            wb.write(out);
            return out.toByteArray();
        }
    }
}
