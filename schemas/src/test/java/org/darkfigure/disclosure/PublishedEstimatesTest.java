package org.darkfigure.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published tables of a hand-made release (observed counts as in CellSuppressionTest's first table). */
class PublishedEstimatesTest {

    private static String stratum(String country, int year, long observed, double total) {
        return "{\"population\":\"migrant\",\"country\":\"" + country + "\",\"year\":" + year + ",\"stratum\":\"all\","
                + "\"observed\":" + observed + ",\"listSizes\":[1,2],\"patternCounts\":[0,1,2,3],"
                + "\"estimate\":{\"model\":\"Mt\",\"total\":" + total + ",\"stderr\":1.5,\"lower\":" + (total - 1)
                + ",\"upper\":" + (total + 2) + ",\"status\":\"OK\"}}";
    }

    private static final byte[] RELEASE = ("{\"releaseId\":\"r\",\"level\":0.95,\"strata\":["
            + String.join(",", stratum("IDN", 2021, 3, 6), stratum("IDN", 2022, 10, 14), stratum("IDN", 2023, 12, 20),
            stratum("MYS", 2021, 20, 31), stratum("MYS", 2022, 15, 22), stratum("MYS", 2023, 8, 9),
            stratum("THA", 2021, 7, 11), stratum("THA", 2022, 2, 4), stratum("THA", 2023, 30, 41))
            + "],\"totals\":[{\"population\":\"migrant\",\"year\":2021,\"observed\":30,\"total\":48,\"lower\":40,\"upper\":60}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void small_cells_and_their_partners_are_hidden_and_small_strata_have_no_estimate() throws Exception {
        List<PublishedEstimates.Line> lines = PublishedEstimates.lines(PublishedEstimates.publish(RELEASE, 5));
        String csv = PublishedEstimates.csv(lines);
        List<String> rows = csv.lines().toList();
        assertEquals("population,country,year,observed,observed_status,estimate,lower,upper,level,model,status,quality,quality_reasons", rows.get(0));
        assertEquals("migrant,IDN,2021,,C,,,,0.95,,TOO_FEW_OBSERVATIONS,SUPPRESSED,\"fewer than the threshold of people, or hidden to protect such a stratum\"", rows.get(1), "3 < 5: hidden, no estimate");
        assertEquals("migrant,IDN,2022,,C,,,,0.95,,SUPPRESSED,SUPPRESSED,\"fewer than the threshold of people, or hidden to protect such a stratum\"", rows.get(2),
                "10 hidden to protect 3, with its estimate (else total - shown estimates = IDN 2021's estimate)");
        assertEquals("migrant,IDN,2023,12,,20,19,22,0.95,Mt,OK,RELIABLE,", rows.get(3));
        assertEquals("migrant,MYS,2021,20,,31,30,33,0.95,Mt,OK,RELIABLE,", rows.get(4));
        assertEquals("migrant,THA,2021,,C,,,,0.95,,SUPPRESSED,SUPPRESSED,\"fewer than the threshold of people, or hidden to protect such a stratum\"", rows.get(7), "7 hidden to protect THA 2022's 2");
        assertEquals("migrant,THA,2022,,C,,,,0.95,,TOO_FEW_OBSERVATIONS,SUPPRESSED,\"fewer than the threshold of people, or hidden to protect such a stratum\"", rows.get(8));
        assertEquals("migrant,_T,2021,30,,48,40,60,0.95,sum of strata,TOTAL,RELIABLE,", rows.get(10), "yearly totals are the margins");
        assertEquals(11, rows.size());
    }

    @Test
    void sdmx_csv_flags_confidential_observations() throws Exception {
        String sdmx = PublishedEstimates.sdmxCsv(PublishedEstimates.lines(PublishedEstimates.publish(RELEASE, 5)));
        List<String> rows = sdmx.lines().toList();
        assertEquals("STRUCTURE,STRUCTURE_ID,ACTION,POPULATION,REF_AREA,TIME_PERIOD,MEASURE,OBS_VALUE,CONF_STATUS,OBS_STATUS,"
                + "UNIT_MEASURE,DECIMALS,CONF_LEVEL,QUALITY",
                rows.get(0));
        assertTrue(rows.contains("dataflow,DARKFIGURE:MSE_ESTIMATES(1.0),M,MIGRANT,IDN,2021,OBSERVED,NaN,C,M,PS,0,,"), sdmx);
        assertTrue(rows.contains("dataflow,DARKFIGURE:MSE_ESTIMATES(1.0),M,MIGRANT,IDN,2023,OBSERVED,12,F,A,PS,0,,"), sdmx);
        assertTrue(rows.contains("dataflow,DARKFIGURE:MSE_ESTIMATES(1.0),M,MIGRANT,IDN,2023,ESTIMATE,20,F,E,PS,0,95,RELIABLE"), sdmx);
        assertTrue(rows.contains("dataflow,DARKFIGURE:MSE_ESTIMATES(1.0),M,MIGRANT,IDN,2021,ESTIMATE,NaN,C,M,PS,0,95,SUPPRESSED"), sdmx);
        assertEquals(1 + 10 * 4, rows.size());
    }

    @Test
    void viewers_get_no_capture_histories_and_no_numbers_for_small_strata() throws Exception {
        String json = new String(PublishedEstimates.publish(RELEASE, 5), StandardCharsets.UTF_8);
        assertFalse(json.contains("patternCounts") || json.contains("listSizes"), json);
        assertTrue(json.contains("\"country\":\"IDN\",\"year\":2021,\"stratum\":\"all\",\"observed\":null"), json);
        assertTrue(json.contains("\"status\":\"TOO_FEW_OBSERVATIONS\""), json);
        assertTrue(json.contains("\"country\":\"MYS\",\"year\":2021,\"stratum\":\"all\",\"observed\":20"), json);
    }
}
