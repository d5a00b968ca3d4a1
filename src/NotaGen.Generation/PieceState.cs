using System.Diagnostics;
using System.Text;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Continuation;
using NotaGen.Generation.Decoding;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Generation;

/// <summary>
/// The bookkeeping of one piece while it is written: its full text, the header and the body text currently in the
/// model's context (for stream rebuilds), line counting for the bar controls, forced header lines still to place, and
/// the unfinished patch left open by a rebuild.
/// </summary>
internal sealed class PieceState : IDisposable
{
    // A tokenizer that never truncates: contexts are measured first, then rebuilt to fit.
    private static readonly BarPatchTokenizer Unbounded = new(int.MaxValue);

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _header = new();
    private readonly StringBuilder _body = new();
    private readonly List<(string Field, string Line)> _pendingHeader;
    private readonly int _contextPatches;
    private readonly Action<PatchStreamEvent>? _onPatch;
    private int? _cutIndex;

    public PieceState(int index, PieceRequest request, PatchContext context, int contextPatches, Action<PatchStreamEvent>? onPatch,
        ConstraintLevel constraint = ConstraintLevel.None)
    {
        request.Validate();
        Index = index;
        Context = context;
        _contextPatches = contextPatches;
        _onPatch = onPatch;
        // Under a constraint the key, meter and tempo are forced characters of its grammar, not replaced lines.
        _pendingHeader = constraint == ConstraintLevel.None ? request.ForcedHeaderLines().ToList() : [];
        TotalBars = request.Bars;

        _header.Append(request.PromptText);
        if (request.Continue is not null)
            StartFromPiece(request.Continue, request.MoreBars);
        else if (request.Prefix is not null)
            StartFromPrefix(request.Prefix);
        _text.Append(_header).Append(_body);
        PromptLength = _text.Length;
        if (constraint != ConstraintLevel.None)
            Cursor = StartCursor(new ScoreGrammar(constraint, request.Meter, request.Key, request.Tempo, TotalBars), _text.ToString());
        Clock = Stopwatch.StartNew();

        LoadContext(Unbounded.EncodeForGeneration(_text.ToString(), closeFinishedLine: true));
        if (Context.Count >= _contextPatches)
            Rebuild();
    }

    public int Index { get; }

    public PatchContext Context { get; }

    public Stopwatch Clock { get; }

    /// <summary>The constraint's state after the accepted text, or null without a constraint.</summary>
    public ScoreCursor? Cursor { get; set; }

    public ConstraintStatistics Statistics { get; } = new();

    /// <summary>A row constraint for the next patch: a copy of the cursor that has already read <paramref name="applied"/> forced characters.</summary>
    public RowConstraint NextRow(int applied) => new(Cursor, applied, Statistics);

    public int PromptLength { get; }

    public bool InBody { get; private set; }

    /// <summary>Body lines completed in the whole piece (the index of the line being written).</summary>
    public int BodyLines { get; private set; }

    /// <summary>Bars the piece must have (bar control or continuation), or null to let the model decide.</summary>
    public int? TotalBars { get; private set; }

    /// <summary>Ids of an unfinished patch already in the text (after a stream rebuild); the model completes it.</summary>
    public int[] OpenPrefix { get; private set; } = [];

    public StopReason? Stop { get; set; }

    public TimeSpan StoppedAfter { get; private set; }

    public int Patches { get; private set; }

    public int Rebuilds { get; private set; }

    public int TextLength => _text.Length;

    public bool AtLineStart => OpenPrefix.Length == 0 && (_text.Length == 0 || _text[^1] == '\n');

    public bool HasPendingHeaderLines => _pendingHeader.Count > 0;

    public string Text => _text.ToString();

    public void Finish(StopReason reason)
    {
        Stop ??= reason;
        StoppedAfter = Clock.Elapsed;
    }

    /// <summary>The counter forced at the start of body line <see cref="BodyLines"/> when the bar count is fixed.</summary>
    public string? ForcedCounter => TotalBars is { } total && InBody && AtLineStart ? BarCounters.Counter(BodyLines, total) : null;

    /// <summary>The prefix forced when the model starts the body: NotaGen's <c>[r:0/</c>, or the full counter of a fixed bar count.</summary>
    public string BodyStartPrefix => TotalBars is { } total ? BarCounters.Counter(0, total) : "[r:0/";

    /// <summary>A forced header line replacing a line the model starts with the same field, if any.</summary>
    public string? TakeForcedLineFor(string patchText)
    {
        var match = _pendingHeader.FindIndex(p => patchText.StartsWith(p.Field, StringComparison.Ordinal));
        if (match < 0)
            return null;
        var line = _pendingHeader[match].Line;
        _pendingHeader.RemoveAt(match);
        return line;
    }

    /// <summary>Appends every forced header line not placed yet (the model went past the L/Q/M/K block without them).</summary>
    public void EmitPendingHeaderLines()
    {
        foreach (var (_, line) in _pendingHeader.ToList())
            EmitHeaderLine(line);
        _pendingHeader.Clear();
    }

    public void EmitHeaderLine(string line)
    {
        foreach (var patch in BarPatchTokenizer.PatchText(line + "\n", leaveOpen: false))
        {
            if (Stop is not null)
                return;
            Accept(patch.ToArray(), patch.ToText());
        }
    }

    public void StartBody() => InBody = true;

    /// <summary>Adds a patch to the context and its text to the piece, then applies the limits that depend on it.</summary>
    public void Accept(int[] ids, string text)
    {
        _text.Append(text);
        (InBody ? _body : _header).Append(text);
        if (InBody)
            BodyLines += text.Count(c => c == '\n');
        Context.Append(new Patch(ids));
        OpenPrefix = [];
        _onPatch?.Invoke(new PatchStreamEvent(Index, Patches, ids, text, InBody));
        Patches++;

        if (TotalBars is { } total && InBody && BodyLines >= total)
            Finish(StopReason.BarCount);
        else if (Context.Count >= _contextPatches)
            Rebuild();
    }

    /// <summary>
    /// Stream generation past the context (reference f): header with the prompt lines + the last <c>cut</c> body lines,
    /// the unfinished one included, where cut = half the body lines at the first overflow and stays fixed after.
    /// </summary>
    private void Rebuild()
    {
        var body = _body.ToString();
        if (!body.Contains('\n'))
        {
            Finish(StopReason.ContextFull);
            return;
        }
        var lines = SplitLines(body);
        _cutIndex ??= Math.Max(1, lines.Count / 2);

        // NotaGen keeps the fixed number of lines even when they do not fit (its next step then fails); here fewer
        // lines are kept in that case, down to the unfinished one alone.
        for (var keep = Math.Min(_cutIndex.Value, lines.Count); keep >= 1; keep--)
        {
            var kept = string.Concat(lines.TakeLast(keep));
            var patches = Unbounded.EncodeForGeneration(_header + kept, closeFinishedLine: true);
            if (patches.Count(p => !p.IsPartial) >= _contextPatches && keep > 1)
                continue;
            LoadContext(patches);
            _body.Clear().Append(kept);
            Rebuilds++;
            break;
        }
        if (Context.Count >= _contextPatches)
            Finish(StopReason.ContextFull);
    }

    private void LoadContext(IReadOnlyList<Patch> patches)
    {
        var open = patches.Count > 0 && patches[^1].IsPartial;
        OpenPrefix = open ? patches[^1].ToArray() : [];
        var full = open ? patches.Take(patches.Count - 1).ToList() : patches.ToList();
        Context.Reset(full.Count <= _contextPatches ? full : full.Take(_contextPatches).ToList());
    }

    private void StartFromPrefix(string prefix)
    {
        var lines = DocumentLines.ForGeneration(prefix);
        _header.Append(string.Concat(lines.Header));
        _body.Append(string.Concat(lines.Body));
        InBody = lines.Body.Count > 0;
        BodyLines = InBody ? lines.Body.Count(l => l.EndsWith('\n')) : 0;
    }

    private void StartFromPiece(string piece, int moreBars)
    {
        var continuation = ContinuationText.Of(piece, moreBars);
        _header.Append(continuation.Header);
        _body.Append(continuation.Body);
        InBody = true;
        BodyLines = continuation.PromptBars;
        TotalBars = continuation.TotalBars;
    }

    private static ScoreCursor StartCursor(ScoreGrammar grammar, string text)
    {
        var cursor = grammar.Start();
        if (cursor.AdvanceText(text, out var failed))
            return cursor;
        var line = text.AsSpan(0, failed).Count('\n') + 1;
        var column = failed - text.LastIndexOf('\n', Math.Max(0, failed - 1));
        throw new ArgumentException($"the prompt or piece to continue is outside the {grammar.Level} constraint at {line}:{column} "
            + $"('{text[failed]}'; expected {cursor.Describe()}); generate with the constraint off (None) to continue free text");
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    public void Dispose() => Context.Dispose();
}
