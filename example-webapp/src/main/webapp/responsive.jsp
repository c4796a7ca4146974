<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<c:set var="pageTitle" value="Responsive images"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Responsive images</h1>
<p class="lead">
  One tag writes a <code>srcset</code> with the same picture in several presets, each entry
  signed on its own; the browser picks the one that fits the screen and its pixel density.
</p>
<pre class="config">&lt;img:signed src="${fn:escapeXml(sample)}" presets="small,medium,large"
            sizes="(max-width: 700px) 100vw, 700px" alt="…"/&gt;</pre>
<c:set var="markup"><img:signed src="${sample}" presets="small,medium,large" sizes="(max-width: 700px) 100vw, 700px" alt="${sample}"/></c:set>
<figure class="example responsive" data-expect="ok">
  <div>${markup}</div>
  <figcaption>
    <strong>What the tag wrote</strong>
    <pre class="markup"><c:out value="${markup}"/></pre>
    <span class="status">…</span>
  </figcaption>
</figure>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
