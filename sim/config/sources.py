"""Publications cited by several parameter declarations, named once."""

SFC_SIZE_2024 = "Skills for Care, Size and structure of the ASC sector and workforce 2024"
SFC_STATE_2024 = "Skills for Care, State of the adult social care sector and workforce 2024"
KINGS_FUND = "King's Fund, The adult social care workforce in a nutshell"
HAND_SET = (
    "hand-set so the first year lands near 2023/24 (vacancy 8.3%, turnover 24.2%, 63% of "
    "leavers staying in ASC); formal calibration pending"
)
AFC_2024 = "NHS Health Careers, Agenda for Change pay rates 2024/25 (1955.4 paid hours a year)"
