<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Named presets"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<c:set var="base" value="${pageContext.request.contextPath}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Named presets instead of dimensions</h1>
<p class="lead">
  URLs name a preset — <code>/images/small/…</code> — and web.xml says what it means. Visitors
  cannot ask for other sizes by editing a number in the URL; an unknown preset is
  <code>400 invalid size</code>.
</p>
<table class="presets">
  <thead><tr><th>preset</th><th>width</th><th>height</th><th>fit</th><th>access</th></tr></thead>
  <tbody>
  <c:forEach var="preset" items="${DemoLinks.presets(ctx)}">
    <tr>
      <td><code><c:out value="${preset.name()}"/></code></td>
      <td>${preset.options().width() == 0 ? '—' : preset.options().width()}</td>
      <td>${preset.options().height() == 0 ? '—' : preset.options().height()}</td>
      <td><c:out value="${preset.options().fit().optionName()}"/></td>
      <td>${preset.publicAccess() ? 'public' : 'signed URL'}</td>
    </tr>
  </c:forEach>
  </tbody>
</table>

<div class="examples">
  <c:forEach var="preset" items="${DemoLinks.presets(ctx)}">
    <demo:example label="${preset.name()}" expect="ok" src="${DemoLinks.url(ctx, sample, preset.name())}"/>
  </c:forEach>
  <demo:example label="An unknown preset" expect="fail" src="${base}/images/huge/${DemoLinks.encode(sample)}">
    <code>huge</code> is not declared: <code>400 invalid size</code>.
  </demo:example>
  <demo:example label="Dimensions in the URL, unsigned" expect="fail" src="${base}/images/width=2000/${DemoLinks.encode(sample)}">
    Flexible options need a signed URL in this demo.
  </demo:example>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
