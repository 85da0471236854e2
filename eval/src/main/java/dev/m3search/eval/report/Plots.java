package dev.m3search.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of an evaluation, drawn with XChart. */
public final class Plots {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 560;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** Grouped bars: one group per metric, one bar per run. */
  public static void metricBars(Path file, String title, List<String> metrics, Map<String, Map<String, Double>> meanByRun)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("metric").yAxisTitle("mean over queries").build();
    style(chart.getStyler());
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLabelsVisible(false);
    for (Map.Entry<String, Map<String, Double>> run : meanByRun.entrySet()) {
      List<Double> values = new ArrayList<>();
      for (String metric : metrics) {
        values.add(run.getValue().getOrDefault(metric, 0.0));
      }
      chart.addSeries(run.getKey(), metrics, values);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Lines of recall@k against k (log scale), one per run. */
  public static void recallCurves(Path file, String title, Map<String, Map<Integer, Double>> curves) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("k").yAxisTitle("recall@k").build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideE);
    for (Map.Entry<String, Map<Integer, Double>> curve : curves.entrySet()) {
      List<Integer> ks = new ArrayList<>(curve.getValue().keySet());
      List<Double> recalls = new ArrayList<>(curve.getValue().values());
      chart.addSeries(curve.getKey(), ks, recalls).setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void style(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
  }
}
