using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NotaGen.Testing;
using NotaGen.Web.Jobs;
using Xunit;

namespace NotaGen.Web.Tests;

/// <summary>
/// The page's API in a test host with the bundled model: prompts and controls, a piece streamed bar by bar and
/// offered in every format, the queue (positions, stop, refusal), limits, uploads to continue, and ids that never
/// reach the file system. Pieces are 1-2 bars, so each takes about a second.
/// </summary>
public sealed class WebApiTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private readonly PageClient _page = new(factory.CreateClient());

    [Fact]
    public async Task Options_list_the_models_prompts_and_the_controls_with_the_servers_limits()
    {
        var options = await _page.Http.GetFromJsonAsync<JsonElement>("/api/options");
        var prompts = options.GetProperty("prompts").EnumerateArray().ToList();
        Assert.Equal(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "models", "default", "prompts.tsv")).Count(l => l.Length > 0) - 1, prompts.Count);
        Assert.Contains(prompts, p => p.GetProperty("composer").GetString() == "Schubert, Franz" && p.GetProperty("instrumentation").GetString() == "Art Song");
        var controls = options.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["top_k", "top_p", "temperature", "seed", "bars", "key", "meter", "constraint"], controls);
        var constraint = options.GetProperty("controls")[7];
        Assert.Equal("structure", constraint.GetProperty("default").GetString());
        Assert.Equal(["none", "syntax", "structure"], constraint.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(32, options.GetProperty("limits").GetProperty("max_bars").GetInt32());
        Assert.Equal(32, options.GetProperty("controls")[4].GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task The_page_and_everything_it_loads_come_from_this_server()
    {
        using var page = await _page.Http.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var file in new[] { "/", "/app.js", "/app.css" })
        {
            var text = await _page.Http.GetStringAsync(file);
            Assert.True(text.Length > 500, $"{file} is almost empty");
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("//cdn", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [SkippableFact]
    public async Task A_piece_streams_bar_by_bar_and_comes_engraved_and_in_every_format()
    {
        var (events, piece) = await _page.GenerateAsync(PageClient.SchubertSong(bars: 2));
        Assert.Equal(["queued", "started"], events.Take(2).Select(e => e.Type));
        var text = events.Where(e => e.Type == "text").ToList();
        // The stream is the raw text after the prompt lines, a whole line at a time; body lines count the bars.
        var raw = piece.GetProperty("raw").GetString()!;
        Assert.Equal(string.Concat(raw.Split('\n').Skip(3).Select(l => l + "\n"))[..^1], string.Concat(text.Select(e => e.Data.GetProperty("text").GetString())));
        Assert.All(text, e => Assert.EndsWith("\n", e.Data.GetProperty("text").GetString(), StringComparison.Ordinal));
        Assert.Equal([1, 2], text.Select(e => e.Data.GetProperty("bars").GetInt32()).Where(b => b > 0));
        Assert.Equal(2, piece.GetProperty("bars").GetInt32());
        Assert.StartsWith("X:1\n", piece.GetProperty("abc").GetString(), StringComparison.Ordinal);
        Assert.Equal(["abc", "musicxml", "mid", "wav", "raw"], piece.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        Assert.Equal(piece.GetProperty("abc").GetString(), Encoding.UTF8.GetString(await _page.DownloadAsync(piece, "abc")));
        Assert.Equal("score-partwise", XDocument.Parse(Encoding.UTF8.GetString(await _page.DownloadAsync(piece, "musicxml"))).Root!.Name.LocalName);
        Assert.Equal("MThd", Encoding.ASCII.GetString(await _page.DownloadAsync(piece, "mid"), 0, 4));
        var wav = await _page.DownloadAsync(piece, "wav");
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));

        ExternalTool.Require("abcm2ps", "abcm2ps");
        Assert.True(piece.GetProperty("pages").GetInt32() >= 1, string.Join("; ", piece.GetProperty("problems").EnumerateArray()));
        using var svg = await _page.Http.GetAsync($"/api/pieces/{piece.GetProperty("id").GetString()}/score/1");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_piece()
    {
        var (_, first) = await _page.GenerateAsync(PageClient.SchubertSong(bars: 1, seed: 7));
        var (_, second) = await _page.GenerateAsync(PageClient.SchubertSong(bars: 1, seed: 7));
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("raw").GetString(), second.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task The_constraint_reaches_the_decoder_structure_aligns_every_bar_and_none_masks_nothing()
    {
        var fields = PageClient.SchubertSong(bars: 2, seed: 3);
        var (_, structured) = await _page.GenerateAsync(fields);
        Assert.Equal("structure", structured.GetProperty("constraint").GetString());
        Assert.True(structured.GetProperty("parses").GetBoolean(), structured.GetProperty("problem").ToString());
        Assert.Equal(2, structured.GetProperty("bars").GetInt32());
        Assert.Equal(0, structured.GetProperty("bar_alignment_error").GetDouble());
        Assert.True(structured.GetProperty("mask_removed_mass").GetDouble() > 0, "the structure mask removed no probability mass");

        fields["constraint"] = "none";
        var (_, free) = await _page.GenerateAsync(fields);
        Assert.Equal("none", free.GetProperty("constraint").GetString());
        Assert.Equal(0, free.GetProperty("mask_removed_mass").GetDouble());
    }

    [Theory]
    [InlineData("composer", "Schubert", "composer")]
    [InlineData("top_p", "2", "top_p")]
    [InlineData("temperature", "warm", "temperature")]
    [InlineData("bars", "33", "bars")]
    [InlineData("bars", "0", "bars")]
    [InlineData("seed", "-1", "seed")]
    [InlineData("key", "H", "key")]
    [InlineData("meter", "3/5\nK:C", "meter")]
    [InlineData("period", "", "period")]
    [InlineData("constraint", "strict", "constraint")]
    public async Task A_bad_field_is_refused_with_its_name(string field, string value, string named)
    {
        var fields = PageClient.SchubertSong(bars: 1);
        fields[field] = value;
        using var response = await _page.SubmitAsync(fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(named, body.GetProperty("field").GetString());
        Assert.StartsWith(named + ":", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_composer_is_answered_with_the_nearest_known_ones()
    {
        var fields = PageClient.SchubertSong(bars: 1);
        fields["composer"] = "Schubert";
        using var response = await _page.SubmitAsync(fields);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Schubert, Franz", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_before_it_is_read()
    {
        var big = new byte[3 * 1024 * 1024];
        using var response = await _page.SubmitAsync(PageClient.SchubertSong(bars: 1), ("big.mid", big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", "X:1\nK:C\nCDEF|\n", "expected an .abc")]
    [InlineData("broken.mid", "MThd this is not a MIDI file", "broken.mid")]
    [InlineData("broken.musicxml", "<score-partwise><part-list>", "broken.musicxml")]
    [InlineData("../../etc/passwd.abc", "not abc at all", "passwd.abc")]
    public async Task A_bad_upload_is_refused_naming_the_uploaded_file_not_the_servers_copy(string name, string content, string expected)
    {
        using var response = await _page.SubmitAsync(PageClient.SchubertSong(bars: 1), (name, Encoding.UTF8.GetBytes(content)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        var error = body.GetProperty("error").GetString()!;
        Assert.Equal("score", body.GetProperty("field").GetString());
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), error, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_score_is_continued_by_the_bars_asked_for()
    {
        var (_, original) = await _page.GenerateAsync(PageClient.SchubertSong(bars: 2, seed: 0));
        var abc = await _page.DownloadAsync(original, "abc");
        // Under the default structure constraint, read as `notagen generate --continue` reads a file.
        var more = PageClient.SchubertSong(bars: 1, seed: 4);
        var (_, continued) = await _page.GenerateAsync(more, ("mine.abc", abc));
        Assert.Equal("mine.abc", continued.GetProperty("continued").GetString());
        Assert.Equal("structure", continued.GetProperty("constraint").GetString());
        var body = continued.GetProperty("raw").GetString()!.Split('\n').Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, body.Count);
        Assert.StartsWith("[r:0/2]", body[0], StringComparison.Ordinal);
        Assert.StartsWith("[r:2/0]", body[2], StringComparison.Ordinal);
        // The figures are about the one new bar; the prompt's two are counted apart.
        Assert.Equal(1, continued.GetProperty("bars").GetInt32());
        Assert.Equal(2, continued.GetProperty("prompt_bars").GetInt32());
        Assert.Equal(0, continued.GetProperty("bar_alignment_error").GetDouble());

        // MIDI and MusicXML go through the readers `notagen convert` uses. This piece's MIDI comes back from the MIDI
        // importer with a note tied over a bar line, which the structure grammar refuses (see the next test): free.
        var free = PageClient.SchubertSong(bars: 1, seed: 4);
        free["constraint"] = "none";
        foreach (var (format, name, fields) in new[] { ("mid", "mine.mid", free), ("musicxml", "mine.musicxml", more) })
        {
            var (events, piece) = await _page.GenerateAsync(fields, (name, await _page.DownloadAsync(original, format)));
            Assert.Equal(name, piece.GetProperty("continued").GetString());
            Assert.Equal("done", events[^1].Type);
        }
    }

    [Fact]
    public async Task An_upload_the_structure_grammar_refuses_is_refused_with_its_bar_and_construct()
    {
        // A chord tied over the bar line: the structure grammar ties single notes over it, chords within a bar only.
        var tune = Encoding.UTF8.GetBytes("X:1\nL:1/8\nM:4/4\nK:C\nCDEF GAB[ce]-|[ce]def gabc|\n");
        using var response = await _page.SubmitAsync(PageClient.SchubertSong(bars: 1), ("tied.abc", tune));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToString());
        Assert.Equal("score", body.GetProperty("field").GetString());
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("tied.abc:bar 1, voice 1, column ", error, StringComparison.Ordinal);
        Assert.Contains("refuses a tie", error, StringComparison.Ordinal);
        Assert.Contains("constraint none", error, StringComparison.Ordinal);

        // The same score is continued without the constraint.
        var free = PageClient.SchubertSong(bars: 1);
        free["constraint"] = "none";
        var (events, _) = await _page.GenerateAsync(free, ("tied.abc", tune));
        Assert.Equal("done", events[^1].Type);
    }

    [Fact]
    public async Task Continuing_a_score_with_a_forced_key_is_refused()
    {
        var fields = PageClient.SchubertSong(bars: 1);
        fields["key"] = "G";
        using var response = await _page.SubmitAsync(fields, ("mine.abc", Encoding.UTF8.GetBytes("X:1\nL:1/8\nM:4/4\nK:C\nV:1\nCDEF GABc|\n")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("key and meter", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_wait_their_turn_one_generation_runs_at_a_time_and_a_waiting_one_can_be_stopped()
    {
        var ids = new List<string>();
        var positions = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _page.SubmitAsync(PageClient.SchubertSong(bars: 2, seed: (ulong)i));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(body.GetProperty("id").GetString()!);
            positions.Add(body.GetProperty("position").GetInt32());
        }
        Assert.Equal([0, 1, 2], positions);
        using (var cancel = await _page.Http.PostAsync($"/api/jobs/{ids[2]}/cancel", null))
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        var last = await _page.EventsAsync(ids[2]);
        Assert.Equal("cancelled", last[^1].Type);
        Assert.Equal("stopped while waiting", last[^1].Data.GetProperty("reason").GetString());
        Assert.DoesNotContain(last, e => e.Type == "started");
        var second = await _page.EventsAsync(ids[1]);
        Assert.Equal("done", second[^1].Type);
        // The second was told it waited behind one, then that it was next; it started only after the first.
        var waits = second.TakeWhile(e => e.Type == "queued").Select(e => e.Data.GetProperty("position").GetInt32()).ToList();
        Assert.Equal(1, waits[0]);
        Assert.Equal("done", (await _page.EventsAsync(ids[0]))[^1].Type);
        Assert.Equal(1, factory.Services.GetRequiredService<GenerationQueue>().PeakRunning);
    }

    [Fact]
    public async Task Stop_cancels_the_running_generation_on_the_server()
    {
        var id = await _page.StartAsync(PageClient.SchubertSong(bars: 32));
        var stopped = false;
        var events = await _page.EventsAsync(id, e =>
        {
            if (!stopped && e.Type == "text" && e.Data.GetProperty("bars").GetInt32() >= 1)
            {
                stopped = true;
                _page.Http.PostAsync($"/api/jobs/{id}/cancel", null).GetAwaiter().GetResult().Dispose();
            }
        });
        Assert.True(stopped, "no bar was streamed before the end");
        Assert.Equal("cancelled", events[^1].Type);
        Assert.Equal("stopped by the user", events[^1].Data.GetProperty("reason").GetString());
        Assert.True(events.Last(e => e.Type == "text").Data.GetProperty("bars").GetInt32() < 32);
        var job = await _page.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        Assert.Equal("cancelled", job.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("piece").ValueKind);
    }

    [Theory]
    [InlineData("/api/pieces/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/pieces/0123456789abcdef0123456789abcdef/download/abc")]
    [InlineData("/api/pieces/..%2F..%2Fetc%2Fpasswd/download/abc")]
    [InlineData("/api/pieces/%2Fetc%2Fpasswd/download/abc")]
    [InlineData("/api/jobs/0123456789abcdef0123456789abcdef/events")]
    [InlineData("/api/jobs/..%2Fjobs/events")]
    public async Task Unknown_or_path_like_ids_are_not_found(string url)
    {
        using var response = await _page.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
