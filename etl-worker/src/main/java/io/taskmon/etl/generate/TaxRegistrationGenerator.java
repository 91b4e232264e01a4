package io.taskmon.etl.generate;

import io.taskmon.etl.transform.TaxRegistrationColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a file shaped like the published tax-registration data: the real header (with a
 * byte-order mark, as the published file has), traditional Chinese names and addresses, 0 to 4
 * industries, and a chosen share of bad rows: short BANs, missing fields, duplicates, non-numeric
 * capital and blank rows. The same seed gives the same file.
 */
public final class TaxRegistrationGenerator {

    /** What the generator put in the file, so that tests and benchmarks know the right answers. */
    public record Counts(long rows, long valid, long invalidBan, long missingField, long duplicate, long badNumber,
                         long blank) {
    }

    private static final String[] CITIES = {"臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市", "基隆市", "新竹市",
        "嘉義市", "新竹縣", "苗栗縣", "彰化縣", "南投縣", "雲林縣", "嘉義縣", "屏東縣", "宜蘭縣", "花蓮縣", "臺東縣", "澎湖縣"};
    private static final String[] DISTRICTS = {"中正區", "大安區", "信義區", "板橋區", "中壢區", "西屯區", "東區", "三民區",
        "北區", "竹北市", "頭份市", "員林市", "埔里鎮", "斗六市", "太保市", "屏東市", "羅東鎮", "吉安鄉", "馬公市", "新莊區"};
    private static final String[] ROADS = {"中山路", "中正路", "民生路", "民權東路", "忠孝東路", "復興北路", "建國路", "光復路",
        "和平西路", "成功路", "自由路", "文化路", "公園路", "仁愛路", "信義路", "博愛路", "大同路", "五福一路", "三民路", "府前路"};
    private static final String[] NAME_PARTS = {"永", "豐", "興", "盛", "泰", "昌", "隆", "華", "益", "福", "祥", "源",
        "順", "達", "鑫", "宏", "信", "富", "康", "明", "台", "灣", "新", "光", "大", "東", "金", "和", "聯", "全"};
    private static final String[] NAME_KINDS = {"商行", "企業社", "實業", "工作室", "小吃店", "餐廳", "工程行", "國際貿易",
        "科技", "資訊", "建設", "生技", "文具行", "五金行", "美容院", "診所"};
    private static final String[][] ORGANIZATIONS = {{"獨資", ""}, {"合夥", ""}, {"有限公司", "有限公司"},
        {"股份有限公司", "股份有限公司"}, {"其他", ""}};
    private static final String[][] INDUSTRIES = {{"472911", "便利商店"}, {"561111", "餐館"}, {"561211", "飲料店"},
        {"620111", "電腦程式設計"}, {"464111", "布疋批發"}, {"474111", "電腦及其週邊設備零售"}, {"433011", "室內裝潢"},
        {"681211", "不動產租賃"}, {"960111", "美髮及美容美體業"}, {"453111", "汽車零件批發"}, {"483111", "藥品零售"},
        {"410011", "住宅營造"}, {"474211", "通訊設備零售"}, {"485111", "服飾品零售"}, {"471911", "百貨公司"},
        {"702011", "管理顧問"}, {"862011", "西醫診所"}, {"455211", "文具批發"}, {"486411", "化妝品零售"},
        {"259911", "金屬製品製造"}};

    private final SplittableRandom random;
    private final double badShare;

    public TaxRegistrationGenerator(long seed, double badShare) {
        this.random = new SplittableRandom(seed);
        this.badShare = badShare;
    }

    public Counts write(Path out, long rows) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out),
                StandardCharsets.UTF_8), 1 << 16)) {
            return write(writer, rows);
        }
    }

    public Counts write(Writer out, long rows) throws IOException {
        out.write('\uFEFF');
        out.write(String.join(",", TaxRegistrationColumns.HEADER));
        out.write('\n');
        long valid = 0;
        long invalidBan = 0;
        long missing = 0;
        long duplicate = 0;
        long badNumber = 0;
        long blank = 0;
        List<String> recent = new ArrayList<>();
        long nextBan = 0;
        for (long i = 0; i < rows; i++) {
            if (random.nextDouble() < badShare) {
                int kind = random.nextInt(5);
                if (kind == 3 && recent.isEmpty()) {
                    kind = 0;
                }
                switch (kind) {
                    case 0 -> {
                        String[] row = goodRow(ban(nextBan++));
                        row[1] = row[1].substring(1);
                        line(out, row);
                        invalidBan++;
                    }
                    case 1 -> {
                        String[] row = goodRow(ban(nextBan++));
                        row[random.nextBoolean() ? 1 : 3] = random.nextBoolean() ? "" : "NULL";
                        line(out, row);
                        missing++;
                    }
                    case 2 -> {
                        String[] row = goodRow(ban(nextBan++));
                        row[4] = random.nextBoolean() ? "一百萬" : "12,5OO";
                        line(out, row);
                        badNumber++;
                    }
                    case 3 -> {
                        out.write(recent.get(random.nextInt(recent.size())));
                        out.write('\n');
                        duplicate++;
                    }
                    default -> {
                        out.write(",".repeat(TaxRegistrationColumns.HEADER.size() - 1));
                        out.write('\n');
                        blank++;
                    }
                }
                continue;
            }
            String line = csv(goodRow(ban(nextBan++)));
            out.write(line);
            out.write('\n');
            valid++;
            // A small window of recent rows to copy duplicates from: some land in the same batch, some not.
            if (recent.size() < 64) {
                recent.add(line);
            } else if (random.nextInt(512) == 0) {
                recent.set(random.nextInt(recent.size()), line);
            }
        }
        return new Counts(rows, valid, invalidBan, missing, duplicate, badNumber, blank);
    }

    /** Distinct 8-digit BANs in a scattered order: i times a number coprime to 10^8. */
    private static String ban(long i) {
        long n = (i * 48_271L + 10_000_019L) % 100_000_000L;
        return String.format("%08d", n);
    }

    private String[] goodRow(String ban) {
        String[] organization = ORGANIZATIONS[random.nextInt(ORGANIZATIONS.length)];
        String name = pick(NAME_PARTS) + pick(NAME_PARTS) + (organization[1].isEmpty() ? pick(NAME_KINDS) : organization[1]);
        String address = pick(CITIES) + pick(DISTRICTS) + pick(ROADS) + (1 + random.nextInt(9)) + "段"
                + (1 + random.nextInt(300)) + "號" + (random.nextInt(4) == 0 ? (1 + random.nextInt(20)) + "樓" : "");
        String headquarters = random.nextInt(20) == 0 ? ban(random.nextInt(1_000_000)) : random.nextInt(40) == 0 ? "NULL" : "";
        String capital = random.nextInt(30) == 0 ? "" : Long.toString((1 + random.nextInt(5000)) * 10_000L);
        String setupDate = String.format("%03d%02d%02d", 40 + random.nextInt(74), 1 + random.nextInt(12),
                1 + random.nextInt(28));
        String[] row = new String[16];
        row[0] = address;
        row[1] = ban;
        row[2] = headquarters;
        row[3] = name;
        row[4] = capital;
        row[5] = setupDate;
        row[6] = organization[0];
        row[7] = random.nextInt(5) == 0 ? "N" : "Y";
        int industries = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
        for (int k = 0; k < 4; k++) {
            if (k < industries) {
                String[] industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
                row[8 + 2 * k] = industry[0];
                row[9 + 2 * k] = industry[1];
            } else {
                row[8 + 2 * k] = "";
                row[9 + 2 * k] = "";
            }
        }
        return row;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void line(Writer out, String[] row) throws IOException {
        out.write(csv(row));
        out.write('\n');
    }

    static String csv(String[] row) {
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = row[i];
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
