using System.CommandLine;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen bench ...</c>: throughput measurements that print figures side by side in one run.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the workbench's speed (figures measured side by side in one run).")
    {
        BenchGenerateCommand.Create(),
        BenchTrainCommand.Create(),
        BenchConvertCommand.Create(),
    };
}
