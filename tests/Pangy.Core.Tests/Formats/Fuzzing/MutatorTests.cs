namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>A fuzz case is the same bytes in every process: a finding is reproduced from its seed and case number.</summary>
public sealed class MutatorTests
{
    [Fact]
    public void A_case_seed_is_a_fixed_function_of_the_fuzz_seed_and_the_case_number()
    {
        // Values of the SplitMix64 finalizer, worked out independently; a per-process randomized hash would differ.
        Assert.Equal(-391957324, Mutator.CaseSeed(12, 814));
        Assert.Equal(-1024698651, Mutator.CaseSeed(1, 0));
        Assert.NotEqual(Mutator.CaseSeed(12, 814), Mutator.CaseSeed(13, 814));
    }

    [Fact]
    public void The_same_case_gives_the_same_bytes()
    {
        byte[] seed = File.ReadAllBytes(TestData.Path("mini", "mini_p.gfa"));
        for (long i = 0; i < 50; i++)
        {
            var a = Mutator.Mutate(seed, 12, i);
            var b = Mutator.Mutate(seed, 12, i);
            Assert.Equal(a.Bytes, b.Bytes);
            Assert.Equal(a.Edits, b.Edits);
        }
    }
}
