using Mahse.Forms.Entries;
using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Logic;

/// <summary>Conditions evaluated on the server with Umbraco's operator names (and its spelling GreaterThen/LessThen).</summary>
public sealed class FormConditionsTests
{
    private static readonly Guid Amount = Guid.NewGuid();
    private static readonly Guid Region = Guid.NewGuid();

    private static FormConditionRule Rule(Guid field, string op, string value) => new() { Field = field.ToString(), Operator = op, Value = value };

    [Theory]
    [InlineData("Is", "north west", "North West", true)]
    [InlineData("IsNot", "north west", "North West", false)]
    [InlineData("GreaterThen", "9", "10", true)] // as numbers, not as text
    [InlineData("GreaterThen", "10", "9.5", false)]
    [InlineData("LessThen", "2026-01-31", "2026-02-01", false)]
    [InlineData("LessThen", "2026-02-01", "2026-01-31", true)]
    [InlineData("GreaterThen", "abc", "abd", false)]
    [InlineData("Contains", "West", "North West", true)]
    [InlineData("Contains", "west", "North West", false)]
    [InlineData("ContainsIgnoreCase", "west", "North West", true)]
    [InlineData("StartsWith", "North", "North West", true)]
    [InlineData("StartsWithIgnoreCase", "north", "North West", true)]
    [InlineData("EndsWith", "West", "North West", true)]
    [InlineData("NotContains", "East", "North West", true)]
    [InlineData("NotStartsWithIgnoreCase", "north", "North West", false)]
    [InlineData("NotEndsWith", "West", "North West", false)]
    [InlineData("Unknown", "x", "x", false)]
    public void Operators_compare_as_umbraco_forms_does(string op, string expected, string actual, bool matches) =>
        Assert.Equal(matches, FormConditions.Matches(Rule(Amount, op, expected), actual));

    [Fact]
    public void A_rule_for_on_matches_a_ticked_box_stored_as_true() =>
        Assert.True(FormConditions.Matches(Rule(Amount, "Is", "on"), "true"));

    [Fact]
    public void All_needs_every_rule_any_needs_one_and_hide_inverts()
    {
        var values = new Dictionary<Guid, string> { [Amount] = "5000", [Region] = "Cumbria" };
        string ValueOf(Guid id) => values.GetValueOrDefault(id, "");
        var rules = new List<FormConditionRule> { Rule(Amount, "GreaterThen", "1000"), Rule(Region, "Is", "Lancashire") };

        Assert.False(FormConditions.Shows(new FormCondition { LogicType = "All", Rules = rules }, ValueOf));
        Assert.True(FormConditions.Shows(new FormCondition { LogicType = "Any", Rules = rules }, ValueOf));
        Assert.False(FormConditions.Shows(new FormCondition { ActionType = "Hide", LogicType = "Any", Rules = rules }, ValueOf));
        Assert.True(FormConditions.Shows(new FormCondition { Enabled = false, LogicType = "All", Rules = rules }, ValueOf));
        Assert.True(FormConditions.Shows(new FormCondition { ActionType = "Hide", Rules = [] }, ValueOf)); // no rules: shown
        Assert.True(FormConditions.Shows(null, ValueOf));
    }

    [Fact]
    public void A_field_is_visible_only_when_its_fieldset_and_its_own_condition_both_show_it()
    {
        var values = new Dictionary<Guid, string> { [Region] = "Cumbria" };
        var showInCumbria = new FormCondition { Rules = [Rule(Region, "Is", "Cumbria")] };
        var hideInCumbria = new FormCondition { ActionType = "Hide", Rules = [Rule(Region, "Is", "Cumbria")] };

        Assert.True(FormConditions.IsVisible(new FormFieldSet { Condition = showInCumbria }, new FormField { Condition = showInCumbria }, values.GetValueOrDefault!));
        Assert.False(FormConditions.IsVisible(new FormFieldSet { Condition = hideInCumbria }, new FormField { Condition = showInCumbria }, values.GetValueOrDefault!));
        Assert.False(FormConditions.IsVisible(new FormFieldSet(), new FormField { Condition = hideInCumbria }, values.GetValueOrDefault!));
    }
}
