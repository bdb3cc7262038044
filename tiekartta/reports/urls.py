from django.urls import path

from tiekartta.reports import views

app_name = "reports"

R = "o/<slug:org>/r/<slug:roadmap>/"

urlpatterns = [
    path(R + "report/", views.interim_report, name="interim"),
    path(R + "report/foreword/", views.foreword, name="foreword"),
    path(R + "report.pdf", views.interim_pdf_view, name="interim_pdf"),
    path(R + "report.docx", views.interim_docx_view, name="interim_docx"),
    path(R + "final-report/", views.final_report, name="final"),
    path(R + "final-report.pdf", views.final_pdf_view, name="final_pdf"),
    path(R + "final-report.docx", views.final_docx_view, name="final_docx"),
    path(R + "export.xlsx", views.export_file, {"kind": "xlsx"}, name="export_xlsx"),
    path(R + "export.csv", views.export_file, {"kind": "csv"}, name="export_csv"),
    path(R + "task-list.pdf", views.export_file, {"kind": "attachment-pdf"}, name="attachment_pdf"),
    path(
        R + "task-list.xlsx", views.export_file, {"kind": "attachment-xlsx"}, name="attachment_xlsx"
    ),
]
