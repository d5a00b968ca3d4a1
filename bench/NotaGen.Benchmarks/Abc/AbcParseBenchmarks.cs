using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NotaGen.Music.Abc.Parsing;

namespace NotaGen.Benchmarks.Abc;

/// <summary>
/// Parses the whole golden xml2abc folder (every .abc under $NOTAGEN_SHARED/golden/xml2abc, default ../shared)
/// on one thread; the MB/s column is the folder's size in bytes over the mean time.
/// Run: <c>NOTAGEN_SHARED=/path/to/shared dotnet run -c Release --project bench/NotaGen.Benchmarks -- --filter '*AbcParse*'</c>
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class AbcParseBenchmarks
{
    private List<string> texts = [];

    [GlobalSetup]
    public void LoadGoldenFolder()
    {
        var shared = Environment.GetEnvironmentVariable("NOTAGEN_SHARED");
        if (string.IsNullOrWhiteSpace(shared))
            shared = Path.Combine(Directory.GetCurrentDirectory(), "..", "shared");
        var folder = Path.Combine(shared, "golden", "xml2abc");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{folder} not found: set NOTAGEN_SHARED to the shared data folder.");
        var files = Directory.EnumerateFiles(folder, "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        texts = files.Select(File.ReadAllText).ToList();
        // The MB/s column is computed in the host process, which does not run this setup: hand the size over.
        var bytes = files.Sum(f => new FileInfo(f).Length);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "notagen-abc-bench-bytes.txt"), bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Benchmark(Description = "parse golden/xml2abc")]
    public int ParseGoldenFolder()
    {
        var tunes = 0;
        foreach (var text in texts)
            tunes += AbcParser.Parse(text).Tunes.Count;
        return tunes;
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    /// <summary>MB/s = bytes parsed per operation / mean time. The size comes from the benchmark process's setup.</summary>
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Megabytes (10^6 bytes) of ABC parsed per second on one thread";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var sizeFile = Path.Combine(Path.GetTempPath(), "notagen-abc-bench-bytes.txt");
            if (report?.ResultStatistics is null || !File.Exists(sizeFile))
                return "?";
            var bytes = long.Parse(File.ReadAllText(sizeFile), System.Globalization.CultureInfo.InvariantCulture);
            var seconds = report.ResultStatistics.Mean / 1e9;
            return (bytes / 1e6 / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
