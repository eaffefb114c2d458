"""The world the agents live in: England's geography, the starting population, national pay scales.

``geography`` (places, local authorities, ICSs, regions), ``population`` (workers and employers
as arrays at a chosen scale), ``pay_scales`` (NLW and Agenda for Change rates by month),
``reward`` (pension, sick pay, enhancements and leave beyond basic pay).
"""
