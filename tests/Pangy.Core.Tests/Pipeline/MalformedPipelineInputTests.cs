using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Pipeline;

namespace Pangy.Core.Tests.Pipeline;

/// <summary>
/// Minimized findings of the reader fuzzer in the pipeline's own inputs: each escaped as an exception other than
/// <see cref="BadInputException"/> (ArgumentException, InvalidOperationException, NullReferenceException in a handler).
/// </summary>
public sealed class MalformedPipelineInputTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'r', (byte)'e', (byte)'f', (byte)'"', (byte)':', (byte)'"', 0xc3, (byte)'"', (byte)'}' }, 1L, "not UTF-8 text")]
    [InlineData(new byte[] { (byte)'{', (byte)'\n', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, 2L, "bad byte 0xff at byte offset 3")]
    public void A_manifest_that_is_not_utf8_names_the_line(byte[] json, long line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => DatasetManifest.Parse(json, "d/dataset.json"));
        Assert.Equal(("d/dataset.json", line), (e.File, e.Line));
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void A_manifest_with_a_key_twice_is_refused() =>
        Assert.Throws<BadInputException>(() => DatasetManifest.Parse("{\"ref\": \"a\", \"ref\": \"b\"}"u8, "dataset.json"));

    [Fact]
    public void An_event_with_a_key_twice_is_a_bad_event()
    {
        string json = BlobCreatedEvent.Create("a", "uploads", "d/c.gfa", "https://a/uploads/d/c.gfa", "0x1", 1, BlobCreatedEvent.LocalSequencer(1), DateTimeOffset.UnixEpoch);
        string twice = json.Replace("\"subject\":", "\"id\": \"x\", \"subject\":", StringComparison.Ordinal);
        var e = Assert.Throws<BadInputException>(() => BlobCreatedEvent.ParseMany(twice));
        Assert.Equal("upload event", e.File);
    }

    [Theory]
    [InlineData("{\"dataset\": \"d\", \"chromosome\": \"c\"}", "build message")]
    [InlineData("{\"dataset\": \"d\", \"chromosome\": null, \"build\": \"b\"}", "skeleton message")]
    [InlineData("{\"dataset\": \"\", \"chromosome\": \"c\", \"build\": \"b\"}", "skeleton message")]
    [InlineData("{\"dataset\": \"d\", \"chromosome\": \"../x\", \"build\": \"b\"}", "skeleton message")]
    [InlineData("{\"reference\": \"r\", \"name\": \"n\"}", "annotation message")]
    public void A_message_with_a_missing_null_or_unusable_field_is_a_bad_message(string json, string what)
    {
        var e = Assert.Throws<BadInputException>(() => what switch
        {
            "build message" => (object)BuildMessage.Parse(json),
            "skeleton message" => SkeletonMessage.Parse(json),
            _ => AnnotationMessage.Parse(json),
        });
        Assert.Equal(what, e.File);
    }
}
