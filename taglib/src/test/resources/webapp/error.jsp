<%@ page isErrorPage="true" contentType="text/plain; charset=UTF-8" pageEncoding="UTF-8" %><%
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
        out.println(t.getClass().getName() + ": " + t.getMessage());
    }
%>
