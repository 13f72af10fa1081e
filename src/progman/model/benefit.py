"""Benefits and dis-benefits, and the profiles that say when they are realised."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, model_validator

from .common import Amount, Date, FinancialYear, Id, Model, Money, Ref, StrEnum, Text, YearSpan

__all__ = [
    "Benefit",
    "BenefitCategory",
    "BenefitKind",
    "BenefitProfile",
    "BenefitStatus",
    "Capability",
    "Direction",
    "Objective",
    "Outcome",
    "ProfilePeriod",
    "SavingsTarget",
]


class BenefitKind(StrEnum):
    """A benefit, or a dis-benefit (a measurable decline someone perceives as negative)."""

    BENEFIT = "benefit"
    DIS_BENEFIT = "dis_benefit"


class BenefitCategory(StrEnum):
    """Cashable savings, non-cashable (efficiency) or non-financial (qualitative) benefits."""

    CASHABLE = "cashable"
    NON_CASHABLE = "non_cashable"
    NON_FINANCIAL = "non_financial"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        # Councils call non-financial benefits "qualitative".
        if isinstance(value, str) and value.strip().lower() == "qualitative":
            return cls.NON_FINANCIAL
        return super()._missing_(value)


class BenefitStatus(StrEnum):
    """How realisation is going."""

    PLANNED = "planned"
    REALISING = "realising"
    REALISED = "realised"
    AT_RISK = "at_risk"
    NOT_REALISED = "not_realised"


class Direction(StrEnum):
    """Whether the measure should go up or down for the benefit to be realised."""

    INCREASE = "increase"
    DECREASE = "decrease"


class ProfilePeriod(Model):
    """One period of a benefit profile: planned, forecast and actual values.

    Give either `start` and `end`, or a UK `financial_year` such as `2012/13`
    (1 April 2012 to 31 March 2013).

    >>> period = ProfilePeriod(financial_year="2012/13", planned="£1.4m")
    >>> period.start, period.end, period.planned
    (datetime.date(2012, 4, 1), datetime.date(2013, 3, 31), Decimal('1400000'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    start: Date
    """First day of the period."""
    end: Date
    """Last day of the period."""
    planned: Amount = Decimal(0)
    """Value expected in the period (pounds for financial benefits)."""
    forecast: Amount | None = None
    """Latest forecast for the period."""
    actual: Amount | None = None
    """Value recorded as realised."""

    @model_validator(mode="before")
    @classmethod
    def _financial_year(cls, data: Any) -> Any:
        if isinstance(data, dict) and "financial_year" in data:
            data = dict(data)
            label = data.pop("financial_year")
            year = FinancialYear.parse(str(label))
            data.setdefault("start", year.start)
            data.setdefault("end", year.end)
        return data

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class BenefitProfile(Model):
    """How a benefit is measured and when it is expected: KPI, baseline, target, trajectory.

    >>> profile = BenefitProfile(kpi="Savings", unit="GBP", baseline_value=0, target_value="2m",
    ...     periods=[{"financial_year": "2012/13", "planned": "600k", "actual": "500k"},
    ...              {"financial_year": "2013/14", "planned": "1.4m"}])
    >>> profile.total_planned, profile.total_actual
    (Decimal('2000000'), Decimal('500000'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    kpi: Text
    """The key performance indicator measured."""
    unit: str | None = None
    """Unit of the measure (GBP, calls per month, %)."""
    direction: Direction = Direction.INCREASE
    """Whether the measure should rise or fall."""
    method: str | None = None
    """How it is measured."""
    frequency: str | None = None
    """How often it is measured (monthly, quarterly)."""
    baseline_value: Amount | None = None
    """The measure before the change."""
    baseline_date: Date | None = None
    """When the baseline was taken."""
    target_value: Amount | None = None
    """The measure once the benefit is realised."""
    target_date: Date | None = None
    """When the target should be reached."""
    periods: list[ProfilePeriod] = Field(default_factory=list)
    """The trajectory: planned, forecast and actual values period by period."""

    def gain(self, value: Decimal, readings: int = 1) -> Decimal | None:
        """The improvement a reading of the measure stands for, in the measure's unit.

        Period values are readings of the measure. For a measure that should
        increase, the gain is the reading less the baseline (a baseline of 0 when
        none is given, so a profile of savings in the year reads as those savings);
        for one that should decrease (a running cost), it is the baseline less the
        reading, and None when there is no baseline to measure the fall from.
        With `readings`, `value` is the sum of that many readings and the result the
        sum of their gains (each reading is measured from the same baseline).

        >>> cost = BenefitProfile(kpi="Running cost", unit="GBP", direction="decrease",
        ...                       baseline_value="1m", target_value="600k")
        >>> cost.gain(Decimal(900_000)), cost.gain(Decimal(950_000))
        (Decimal('100000'), Decimal('50000'))
        >>> cost.gain(Decimal(900_000 + 950_000), readings=2)
        Decimal('150000')
        """
        if self.direction is Direction.DECREASE:
            if self.baseline_value is None:
                return None
            return self.baseline_value * readings - value
        return value - (self.baseline_value or Decimal(0)) * readings

    @property
    def total_planned(self) -> Decimal:
        """Sum of the planned values over all periods."""
        return sum((p.planned for p in self.periods), Decimal(0))

    @property
    def total_actual(self) -> Decimal:
        """Sum of the actual values recorded so far."""
        return sum((p.actual for p in self.periods if p.actual is not None), Decimal(0))


class Benefit(Model):
    """A measurable improvement (or, as a dis-benefit, a decline) the programme causes.

    >>> Benefit(id="b-llp", name="Mouchel LLP saving", category="cashable", owner="gtolley",
    ...         enabled_by=["mouchel-llp"])
    Benefit(id='b-llp', name='Mouchel LLP saving', owner='gtolley', enabled_by=['mouchel-llp'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The benefit in a line."""
    description: str | None = None
    """What will be better, for whom."""
    kind: BenefitKind = BenefitKind.BENEFIT
    """Benefit or dis-benefit."""
    category: BenefitCategory = BenefitCategory.CASHABLE
    """Cashable, non-cashable or non-financial (qualitative)."""
    owner: Ref | None = None
    """The benefit owner or business change manager."""
    enabled_by: list[Ref] = Field(default_factory=list)
    """Projects whose outputs enable it."""
    tranche: Ref | None = None
    """The tranche whose capabilities enable it."""
    objectives: list[str] = Field(default_factory=list)
    """The strategic objectives it serves: ids or names of the programme's `objectives`
    (free text where the programme lists none)."""
    outcomes: list[Ref] = Field(default_factory=list)
    """The outcomes it comes from, on the benefits map."""
    status: BenefitStatus = BenefitStatus.PLANNED
    """How realisation is going."""
    profile: BenefitProfile | None = None
    """Measure, baseline, target and trajectory."""
    components: list[Ref] = Field(default_factory=list)
    """Itemised benefits this one is made of (a headline saving and its parts). Totals
    count each pound once: in a year this benefit profiles, its own figure counts and
    its components' figures are its breakdown; in other years the components count."""

    @property
    def financial(self) -> bool:
        """True for cashable and non-cashable benefits, whose values are pounds and add up."""
        return self.category in (BenefitCategory.CASHABLE, BenefitCategory.NON_CASHABLE)

    @property
    def sign(self) -> int:
        """+1 for a benefit, -1 for a dis-benefit (totals net dis-benefits off)."""
        return -1 if self.kind is BenefitKind.DIS_BENEFIT else 1


class SavingsTarget(Model):
    """Savings the programme must deliver over one financial year or a span of them.

    A council states its targets per year and over its medium-term financial plan
    (MTFP); each is compared with the benefits forecast and actuals in its own window.

    >>> SavingsTarget(name="MTFP 2013-2017", amount="15.9m", years="2013/14-2016/17")
    SavingsTarget(name='MTFP 2013-2017', amount=Decimal('15900000'), \
years=FinancialYears('2013/14-2016/17'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    name: Text
    """What the target is called, e.g. `MTFP 2013-2017` or `2012/13 savings`."""
    amount: Money
    """The savings to deliver in the window."""
    years: YearSpan
    """The financial year (`2012/13`) or span (`2013/14-2016/17`) the amount is for."""
    cashable: bool = True
    """True: only cashable savings count towards it; False: cashable and non-cashable
    (efficiency) benefits both count."""
    description: str | None = None
    """Where the target comes from (the MTFP, a Cabinet report)."""


class Objective(Model):
    """A strategic objective the programme serves: the right-hand end of the benefits map.

    >>> Objective(id="obj-mtfp", name="OTP-related savings in the MTFP")
    Objective(id='obj-mtfp', name='OTP-related savings in the MTFP')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The objective in a line (benefits may name it by this or by id)."""
    description: str | None = None
    """Where it comes from (the Corporate Plan, the MTFP)."""


class Capability(Model):
    """A capability the projects deliver and a tranche hands over to the business
    (MSP: the outputs put to use).

    >>> Capability(id="cap-portal", name="Customer Contact Portal in use",
    ...            enabled_by=["customer-contact-portal"], tranche="t1")
    Capability(id='cap-portal', name='Customer Contact Portal in use', \
enabled_by=['customer-contact-portal'], tranche='t1')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The capability in a line."""
    description: str | None = None
    """What the business can do with it."""
    enabled_by: list[Ref] = Field(default_factory=list)
    """The projects whose outputs make it up."""
    tranche: Ref | None = None
    """The tranche that delivers it."""


class Outcome(Model):
    """The result of using a capability: a changed state from which benefits come.

    >>> Outcome(id="out-first-contact", name="Enquiries resolved at first contact",
    ...         capabilities=["cap-portal"])
    Outcome(id='out-first-contact', name='Enquiries resolved at first contact', \
capabilities=['cap-portal'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The outcome in a line."""
    description: str | None = None
    """What is different."""
    capabilities: list[Ref] = Field(default_factory=list)
    """The capabilities whose use brings it about."""
    leads_to: list[Ref] = Field(default_factory=list)
    """Later outcomes this intermediate outcome leads to."""
