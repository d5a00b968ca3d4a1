using System.Text;

namespace NotaGen.Corpus.Building;

/// <summary>DATA_CARD.md: a human-readable account of a build — sources, counts, filters, and what the pipeline does not do yet.</summary>
public static class DataCard
{
    public static string Write(CorpusManifest manifest, CorpusBuildOptions options)
    {
        var text = new StringBuilder();
        text.Append("# Corpus data card\n\n");
        text.Append($"Built by NotaGen.Corpus {manifest.ToolVersion} from {manifest.Counts.Files} files");
        text.Append(manifest.Labels is null ? " without a labels table.\n\n" : $" with labels from `{Path.GetFileName(manifest.Labels)}`.\n\n");
        text.Append($"- pieces kept: {manifest.Counts.Pieces} (labelled {manifest.Counts.Labelled}, with prompt lines {manifest.Counts.Prompted})\n");
        text.Append($"- rejected (files or pieces, see rejects.tsv): {manifest.Counts.Rejected}\n");
        text.Append($"- licence filter: {options.Licence ?? "none"}\n");
        text.Append($"- split fractions: validation {options.Fractions.Validation}, test {options.Fractions.Test} (see Splits)\n\n");
        text.Append("| source | pieces |\n|---|---|\n");
        foreach (var (source, count) in manifest.Counts.PiecesBySource) text.Append($"| {source} | {count} |\n");
        text.Append("\n| split | pieces |\n|---|---|\n");
        foreach (var (split, count) in manifest.Counts.PiecesBySplit) text.Append($"| {split} | {count} |\n");
        text.Append("\n| reject stage | count |\n|---|---|\n");
        foreach (var (stage, count) in manifest.Counts.RejectsByStage) text.Append($"| {stage} | {count} |\n");
        text.Append($"""

            ## Preparation
            NotaGen's (reference a.1–a.3): ASCII folding; X: T: C: W: w: Z: %%MIDI removed; bar-number comments removed;
            voices must have equal bar counts; at least {options.Filters.MinBars} bars; at most {options.Filters.MaxStaves} staves;
            interleaved with rest reduction; prompt lines (%Period, %Composer, %Instrumentation) when the period is Baroque,
            Classical or Romantic, the composer is known and the instrumentation is one of NotaGen's six classes. No [r:]
            counters (the tokenizer adds them). Labels: labels-table row first (exercise rows get none), else the score's
            composer through data/composers.tsv and a part-name instrumentation rule. ABC tunebooks give one piece per X: tune.

            ## Multi-movement files
            A MusicXML file that holds several movements (OpenScore's string quartets are whole works) becomes one piece
            per movement, with ids `path#1`, `path#2`, ... Boundaries are read from the first part: a movement starts at a
            measure when the measure before it ends with a final barline (light-heavy) and the measure restarts the
            measure numbers (0 or 1 after a number above 1) or opens with a movement heading (a roman numeral: "II.",
            "III. Scherzo"); or when it both restarts the numbers and opens with a heading (attacca movements). A new tempo
            after a final barline alone does not split (variation sets end each variation that way). Each movement gets
            the divisions, key, meter, staves, clefs and transposition in force where it starts. Movements share their
            file's labels, licence and duplicate group, so they land in the same split. ABC tunes are not split further.
            Files split here: {manifest.Counts.MultiMovementFiles}.

            ## Splits
            By work, never by piece: a work is the index's dup_group; else a cluster of near-duplicates (pieces without a
            dup_group whose first {options.NearDuplicates.Bars} bars are within a normalized edit distance of
            {options.NearDuplicates.Threshold}; candidates share a bar line and a meter; clusters are transitive); else the
            movements of one file; else the piece. A work's split comes from SHA-256 of its key. Then each (period,
            instrumentation) with at least {options.MinStratumPieces} pieces and nothing in validation has its train work
            with the lowest hash moved to validation. Each JSON line carries `patches`: the bar patches NotaGen's tokenizer
            makes of it before any context crop.

            ## Cache
            Each input's outcome is cached by its content hash, path, labels row, per-file options and the tool's build;
            a rebuild with unchanged inputs reads the cache and writes the same bytes.

            ## Not done
            - MIDI files are not imported (no MIDI → ABC importer yet); they are listed in rejects.tsv.

            """);
        return text.ToString();
    }
}
