using System.CommandLine;
using System.Text;
using System.Text.Json;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen abc ...</c>: check (and, from the NotaGen-format work, interleave, deinterleave, transpose) ABC files.</summary>
internal static class AbcCommand
{
    public static Command Create()
    {
        var command = new Command("abc", "Work with ABC notation files.");
        command.Subcommands.Add(CreateCheck());
        AbcInterleaveCommands.AddTo(command);
        return command;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<string[]>("files") { Description = "ABC files to check.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON on standard output." };
        var check = new Command(
            "check",
            "Parse ABC files and report every syntax error as file:line:col: message, and bars whose voices disagree in " +
            "length (warnings). Exits 1 if any file has an error, 0 otherwise.");
        check.Arguments.Add(files);
        check.Options.Add(json);
        check.SetAction(parseResult =>
        {
            var reports = parseResult.GetValue(files)!.Select(CheckFile).ToList();
            if (parseResult.GetValue(json))
                Console.Out.Write(ToJson(reports));
            else
                WriteText(reports);
            return reports.Any(r => r.HasErrors) ? 1 : 0;
        });
        return check;
    }

    private sealed record FileReport(string File, int Tunes, IReadOnlyList<AbcDiagnostic> Diagnostics, string? ReadError)
    {
        public bool HasErrors => ReadError is not null || Diagnostics.Any(d => d.Severity == AbcSeverity.Error);
    }

    private static FileReport CheckFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new FileReport(path, 0, [], $"cannot read the file: {e.Message}");
        }
        var document = AbcParser.Parse(text, path);
        var diagnostics = new List<AbcDiagnostic>(document.Diagnostics);
        foreach (var tune in document.Tunes)
        {
            var semantics = AbcInterpreter.Interpret(tune, path);
            diagnostics.AddRange(semantics.Diagnostics);
            diagnostics.AddRange(AbcBarCheck.Check(semantics, path));
        }
        diagnostics.Sort((a, b) => a.Position.Offset.CompareTo(b.Position.Offset));
        return new FileReport(path, document.Tunes.Count, diagnostics, null);
    }

    private static void WriteText(IReadOnlyList<FileReport> reports)
    {
        foreach (var report in reports)
        {
            if (report.ReadError is not null)
            {
                Console.Error.WriteLine($"{report.File}: {report.ReadError}");
                continue;
            }
            foreach (var diagnostic in report.Diagnostics)
                (diagnostic.Severity == AbcSeverity.Error ? Console.Error : Console.Out).WriteLine(diagnostic.ToString());
            var errors = report.Diagnostics.Count(d => d.Severity == AbcSeverity.Error);
            var warnings = report.Diagnostics.Count - errors;
            Console.Out.WriteLine($"{report.File}: {report.Tunes} tune(s), {errors} error(s), {warnings} warning(s)");
        }
    }

    private static string ToJson(IReadOnlyList<FileReport> reports)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("files");
            foreach (var report in reports)
            {
                writer.WriteStartObject();
                writer.WriteString("file", report.File);
                writer.WriteNumber("tunes", report.Tunes);
                writer.WriteBoolean("ok", !report.HasErrors);
                if (report.ReadError is not null)
                    writer.WriteString("readError", report.ReadError);
                writer.WriteStartArray("diagnostics");
                foreach (var d in report.Diagnostics)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", d.Line);
                    writer.WriteNumber("column", d.Column);
                    writer.WriteString("severity", d.Severity == AbcSeverity.Error ? "error" : "warning");
                    writer.WriteString("message", d.Message);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("errors", reports.Sum(r => r.Diagnostics.Count(d => d.Severity == AbcSeverity.Error) + (r.ReadError is null ? 0 : 1)));
            writer.WriteNumber("warnings", reports.Sum(r => r.Diagnostics.Count(d => d.Severity == AbcSeverity.Warning)));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
