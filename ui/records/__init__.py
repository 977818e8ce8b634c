"""Finalized records: the searchable list, the record view, addenda and custody transfers.

Public widgets: :class:`~ui.records.page.RecordsPage` (the list, with
:class:`~ui.records.filters.FilterBar` over
:class:`~ui.records.model.RecordsTableModel`), :class:`~ui.records.view.RecordView`
(one record, written as HTML by ``sections``, ``encounter_html`` and
``seizure_html``), :class:`~ui.records.addendum.AddendumDialog` (with
``corrections``) and :class:`~ui.records.custody.CustodyTransferDialog` (with
``receiver``). ``labels`` turns stored codes into words; ``problems`` puts the
core's problems beside their fields.
"""
